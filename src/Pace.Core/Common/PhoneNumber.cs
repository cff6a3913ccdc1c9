using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Pace.Common;

/// <summary>
/// A phone number in E.164 (<c>+971501234567</c>). UAE numbers typed the local way (<c>050 123 4567</c>,
/// <c>00971 50…</c>, <c>971 50…</c>) normalise to the same value, so one person is one number.
/// </summary>
public readonly record struct PhoneNumber
{
    private PhoneNumber(string e164) => Value = e164;

    public string Value { get; }

    public override string ToString() => Value;

    public static PhoneNumber Parse(string input) =>
        TryParse(input, out var number) ? number : throw new FormatException($"'{input}' is not a phone number.");

    /// <summary>Normalises <paramref name="input"/>; numbers without a country code are read as UAE numbers.</summary>
    public static bool TryParse([NotNullWhen(true)] string? input, out PhoneNumber number)
    {
        number = default;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var digits = new StringBuilder(input.Length);
        var international = false;
        foreach (var c in input.Trim())
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c == '+' && digits.Length == 0 && !international)
            {
                international = true;
            }
            else if (c is not (' ' or '-' or '(' or ')' or '.'))
            {
                return false;
            }
        }

        var d = digits.ToString();
        if (!international && d.StartsWith("00", StringComparison.Ordinal))
        {
            d = d[2..];
            international = true;
        }

        if (!international)
        {
            if (d.StartsWith("971", StringComparison.Ordinal) && d.Length >= 11)
            {
                // 971501234567 typed without the plus.
            }
            else if (d.StartsWith('0') && d.Length is 9 or 10)
            {
                d = "971" + d[1..];
            }
            else if (d.Length is 8 or 9 && d[0] != '0')
            {
                d = "971" + d;
            }
            else
            {
                return false;
            }
        }

        if (d.Length is < 8 or > 15 || d[0] == '0')
        {
            return false;
        }

        if (d.StartsWith("971", StringComparison.Ordinal) && d.Length is not (11 or 12))
        {
            return false;
        }

        number = new PhoneNumber("+" + d);
        return true;
    }
}
