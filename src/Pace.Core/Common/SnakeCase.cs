using System.Text;

namespace Pace.Common;

/// <summary>
/// The one spelling of names outside C#: database columns and enum values, JSON enum values, query parameters.
/// <c>OffPlan</c> → <c>off_plan</c>, <c>PropertyFinder</c> → <c>property_finder</c>, <c>WhatsApp</c> → <c>whatsapp</c>.
/// </summary>
public static class SnakeCase
{
    public static string From(string name)
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
}
