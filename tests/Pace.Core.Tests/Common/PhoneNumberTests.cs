using Pace.Common;

namespace Pace.Core.Tests.Common;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("050 123 4567")]
    [InlineData("0501234567")]
    [InlineData("+971501234567")]
    [InlineData("+971 50 123 4567")]
    [InlineData("00971501234567")]
    [InlineData("971501234567")]
    [InlineData("(050) 123-4567")]
    [InlineData("501234567")]
    public void UAE_mobile_numbers_typed_any_usual_way_are_one_number(string typed)
    {
        Assert.True(PhoneNumber.TryParse(typed, out var number));
        Assert.Equal("+971501234567", number.Value);
    }

    [Theory]
    [InlineData("04 123 4567", "+97141234567")]
    [InlineData("+44 7700 900123", "+447700900123")]
    [InlineData("0044 7700 900123", "+447700900123")]
    [InlineData("+91 98765 43210", "+919876543210")]
    public void Landlines_and_foreign_numbers_normalise_to_E164(string typed, string expected) =>
        Assert.Equal(expected, PhoneNumber.Parse(typed).Value);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("call me")]
    [InlineData("050 123")]
    [InlineData("+971 50 123 45678 9")]
    [InlineData("+0501234567")]
    [InlineData("050-123-4567 ext 2")]
    [InlineData("12+34")]
    public void What_is_not_a_phone_number_is_refused(string? typed) =>
        Assert.False(PhoneNumber.TryParse(typed, out _));

    [Fact]
    public void Parse_names_the_bad_input() =>
        Assert.Contains("'nope'", Assert.Throws<FormatException>(() => PhoneNumber.Parse("nope")).Message, StringComparison.Ordinal);
}
