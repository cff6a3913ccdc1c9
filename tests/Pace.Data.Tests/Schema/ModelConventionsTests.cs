using Pace.Data.Common;

namespace Pace.Data.Tests.Schema;

public sealed class ModelConventionsTests
{
    [Theory]
    [InlineData("Id", "id")]
    [InlineData("AssignedAgentId", "assigned_agent_id")]
    [InlineData("SizeSqft", "size_sqft")]
    [InlineData("OffPlanPrimary", "off_plan_primary")]
    [InlineData("WhatsApp", "whatsapp")]
    [InlineData("IsWhatsApp", "is_whatsapp")]
    [InlineData("Tour360", "tour360")]
    [InlineData("HTTPStatus", "http_status")]
    public void Names_become_snake_case(string name, string expected) =>
        Assert.Equal(expected, ModelConventions.ToSnakeCase(name));
}
