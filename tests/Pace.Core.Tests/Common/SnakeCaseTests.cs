using Pace.Applicants;
using Pace.Common;
using Pace.Viewings;

namespace Pace.Core.Tests.Common;

public sealed class SnakeCaseTests
{
    [Fact]
    public void Names_are_spelled_as_the_database_stores_them()
    {
        Assert.Equal("no_show", SnakeCase.Of(ViewingStatus.NoShow));
        Assert.Equal("whatsapp", SnakeCase.Of(LeadSource.WhatsApp));
        Assert.Equal("property_finder", SnakeCase.Of(LeadSource.PropertyFinder));
        Assert.Equal("ip_address", SnakeCase.Of("IPAddress"));
    }
}
