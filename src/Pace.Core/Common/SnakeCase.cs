using System.Text;

namespace Pace.Common;

/// <summary>
/// The snake_case spelling of names the database and the API share (<c>OffPlan</c> → <c>off_plan</c>,
/// <c>NoShow</c> → <c>no_show</c>), so an enum value or a timeline's data reads the same in SQL and JSON.
/// </summary>
public static class SnakeCase
{
    public static string Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        // One word, as the vendor writes it, not "whats_app".
        name = name.Replace("WhatsApp", "Whatsapp", StringComparison.Ordinal);
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousIsLower = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var startsWord = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (previousIsLower || startsWord)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>The wire name of an enum value.</summary>
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => Of(value.ToString());
}
