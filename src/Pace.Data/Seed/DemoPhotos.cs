using System.Security.Cryptography;
using Pace.Media;

namespace Pace.Data.Seed;

/// <summary>A picture of the demo brokerage: its key in the media store and how to paint its bytes again.</summary>
public sealed class DemoPhoto
{
    private readonly Lazy<byte[]> _png;
    private readonly Lazy<MediaKey> _key;

    internal DemoPhoto(int width, int height, Func<byte[]> paint)
    {
        Width = width;
        Height = height;
        _png = new Lazy<byte[]>(paint);
        _key = new Lazy<MediaKey>(() => MediaKey.Of(SHA256.HashData(_png.Value), MediaTypes.Png));
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The PNG's bytes, painted once per process.</summary>
    public byte[] Png => _png.Value;

    /// <summary>The content address the media store keeps the PNG under (the same on every machine).</summary>
    public MediaKey Key => _key.Value;
}

/// <summary>
/// The photos and floor plans of the demo brokerage's listings, painted in code (the machine has no photos and fetches
/// nothing): Dubai skylines at different times of day, and flat plans. The demo data names them by their media key, and
/// pace-web puts them into its media store when <c>Media:DemoPhotos</c> is on, so every gallery of <c>./pace run</c>
/// shows real pictures served like uploaded ones.
/// </summary>
public static class DemoPhotos
{
    public const int Width = 960;

    public const int Height = 640;

    /// <summary>More than the most images a demo listing has (16): a listing's photos are all different.</summary>
    public static IReadOnlyList<DemoPhoto> Photos { get; } =
        Enumerable.Range(0, 24).Select(v => new DemoPhoto(Width, Height, () => Skyline(v))).ToList();

    public static IReadOnlyList<DemoPhoto> FloorPlans { get; } =
        Enumerable.Range(0, 4).Select(v => new DemoPhoto(Width, Height, () => FloorPlan(v))).ToList();

    public static IEnumerable<DemoPhoto> All => Photos.Concat(FloorPlans);

    /// <summary>A skyline over the sea: the sky's colours by <paramref name="variant"/> (day, sunset, night, morning), towers with windows.</summary>
    private static byte[] Skyline(int variant)
    {
        var random = new Random(variant * 7919);
        var (skyTop, skyBottom) = (variant % 4) switch
        {
            0 => ((40, 98, 170), (170, 205, 235)),
            1 => ((232, 120, 70), (252, 214, 150)),
            2 => ((20, 30, 70), (90, 80, 140)),
            _ => ((70, 140, 200), (225, 236, 245)),
        };
        var night = variant % 4 == 2;
        var horizon = Height * (55 + random.Next(10)) / 100;
        var towers = Enumerable.Range(0, 9 + random.Next(6)).Select(_ =>
        {
            var w = (Width / 18) + random.Next(Width / 12);
            var x = random.Next(Width - w);
            var top = horizon - ((Height / 8) + random.Next(Height * 45 / 100));
            var shade = 60 + random.Next(90);
            return (X: x, W: w, Top: top, Shade: shade);
        }).OrderBy(t => t.Shade).ToArray();

        return PngEncoder.Encode(Width, Height, (x, y) =>
        {
            (int R, int G, int B) c;
            if (y < horizon)
            {
                c = Mix(skyTop, skyBottom, (double)y / horizon);
                foreach (var tower in towers)
                {
                    if (x >= tower.X && x < tower.X + tower.W && y >= tower.Top)
                    {
                        var s = tower.Shade;
                        c = night ? (s / 3, s / 3, s / 2) : (s, s + 10, s + 25);
                        var wx = (x - tower.X) % 14;
                        var wy = (y - tower.Top) % 18;
                        if (wx is > 3 and < 10 && wy is > 4 and < 12 && ((x / 14) + (y / 18) + variant) % 3 != 0)
                        {
                            c = night ? (250, 214, 120) : (s + 70, s + 90, s + 110);
                        }
                    }
                }
            }
            else
            {
                c = Mix((30, 110, 150), (10, 60, 95), (double)(y - horizon) / (Height - horizon));
                if ((x + (y * 3)) % 47 < 2)
                {
                    c = (c.R + 40, c.G + 40, c.B + 40);
                }
            }

            return (Clamp(c.R), Clamp(c.G), Clamp(c.B));
        });
    }

    /// <summary>A plan of rooms: walls on a grid cut by <paramref name="variant"/>, with door gaps, on paper white.</summary>
    private static byte[] FloorPlan(int variant)
    {
        var random = new Random(variant * 104_729);
        const int margin = 60;
        const int wall = 6;
        var columns = new[] { margin, Width - margin }.Concat(Enumerable.Range(0, 2 + random.Next(2)).Select(_ => random.Next(margin + 120, Width - margin - 120))).Order().ToArray();
        var rows = new[] { margin, Height - margin }.Concat(Enumerable.Range(0, 1 + random.Next(2)).Select(_ => random.Next(margin + 100, Height - margin - 100))).Order().ToArray();
        return PngEncoder.Encode(Width, Height, (x, y) =>
        {
            var inside = x >= margin && x < Width - margin + wall && y >= margin && y < Height - margin + wall;
            var onColumn = columns.Any(c => x >= c && x < c + wall);
            var onRow = rows.Any(r => y >= r && y < r + wall);
            // A door: a gap in each inner wall, 70 px wide, a third of the way along the room it opens.
            var door = (onColumn && !onRow && (y - margin) % 180 is > 60 and < 130 && x > margin && x < Width - margin)
                || (onRow && !onColumn && (x - margin) % 220 is > 70 and < 140 && y > margin && y < Height - margin);
            if (inside && (onColumn || onRow) && !door)
            {
                return (45, 55, 72);
            }

            return inside && ((x / 24) + (y / 24)) % 2 == 0 ? ((byte)244, (byte)246, (byte)249) : ((byte)255, (byte)255, (byte)255);
        });
    }

    private static (int R, int G, int B) Mix((int R, int G, int B) a, (int R, int G, int B) b, double t) =>
        ((int)(a.R + ((b.R - a.R) * t)), (int)(a.G + ((b.G - a.G) * t)), (int)(a.B + ((b.B - a.B) * t)));

    private static byte Clamp(int value) => (byte)Math.Clamp(value, 0, 255);
}
