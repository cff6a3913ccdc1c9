namespace Pace.Listings;

/// <summary>
/// One reason a listing may not be advertised: a stable <paramref name="Code"/> (<c>permit_expired</c>), the request
/// field it is about (camelCase, as the API names it) and a sentence saying exactly what is wrong.
/// </summary>
public sealed record ComplianceProblem(string Code, string Field, string Message);
