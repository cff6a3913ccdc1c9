using Pace.Testing;

namespace Pace.Browser.Tests.Screenshots;

/// <summary>
/// Property "photos" painted in code for the demo screenshots (the machine has no photos and fetches nothing): a Dubai
/// skyline at a time of day chosen by <c>variant</c>, with sea, towers and lit windows, as real PNG files.
/// </summary>
public static class PropertyPhotos
{
    public static byte[] Png(int variant, int width = 960, int height = 720)
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
        var horizon = height * (55 + random.Next(10)) / 100;
        var towers = Enumerable.Range(0, 9 + random.Next(6)).Select(_ =>
        {
            var w = width / 18 + random.Next(width / 12);
            var x = random.Next(width - w);
            var top = horizon - (height / 8 + random.Next(height * 45 / 100));
            var shade = 60 + random.Next(90);
            return (X: x, W: w, Top: top, Shade: shade);
        }).OrderBy(t => t.Shade).ToArray();

        return TestImages.Png(width, height, (x, y) =>
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
                c = Mix((30, 110, 150), (10, 60, 95), (double)(y - horizon) / (height - horizon));
                if ((x + (y * 3)) % 47 < 2)
                {
                    c = (c.R + 40, c.G + 40, c.B + 40);
                }
            }

            return (Clamp(c.R), Clamp(c.G), Clamp(c.B));
        });
    }

    private static (int R, int G, int B) Mix((int R, int G, int B) a, (int R, int G, int B) b, double t) =>
        ((int)(a.R + ((b.R - a.R) * t)), (int)(a.G + ((b.G - a.G) * t)), (int)(a.B + ((b.B - a.B) * t)));

    private static byte Clamp(int value) => (byte)Math.Clamp(value, 0, 255);
}
