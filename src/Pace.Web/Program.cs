using System.Text.Json.Serialization;
using Pace.Data;
using Pace.ServiceDefaults;
using Pace.Web.Activities;
using Pace.Web.Api;
using Pace.Web.Api.Idempotency;
using Pace.Web.Admin;
using Pace.Web.Applicants;
using Pace.Web.Audit;
using Pace.Web.Common;
using Pace.Web.Dashboard;
using Pace.Web.Identity.SignIn;
using Pace.Web.Identity.Tokens;
using Pace.Web.Identity;
using Pace.Web.Listings;
using Pace.Web.Matching;
using Pace.Web.Deals;
using Pace.Web.Notifications;
using Pace.Web.SavedViews;
using Pace.Web.Viewings;
using Pace.Web.Media;
using Pace.Web;

var builder = PaceService.CreateBuilder(args, WebService.Name);
builder.Services.AddPaceDatabase(builder.Configuration, PaceDatabase.Pace);
builder.Services.AddHealthChecks().AddDatabaseReadiness(PaceDatabase.Pace, HealthEndpoints.ReadyTag);
builder.AddPaceIdentity();
builder.Services.AddListings(builder.Configuration);
builder.Services.AddTaskReminders(builder.Configuration);
builder.Services.AddMedia();
builder.Services.AddPaceApiContract(builder.Configuration);
builder.Services.AddRazorPages();
builder.Services.AddReverseProxy(builder.Configuration);
// Enums travel as the snake_case names the database stores (`off_plan`, `property_finder`), never as numbers.
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(SnakeCaseNaming.Instance, allowIntegerValues: false)));

var app = builder.Build();
app.UseReverseProxy(app.Configuration);
app.UseBrowserSecurityHeaders();
app.UseExceptionHandler();
// wwwroot (the design system, our ES modules, and the npm libraries ./pace copies into wwwroot/lib) is public.
app.UseStaticFiles();
app.UseStatusCodePages();
// Before authentication: the Google callback is handled by the authentication middleware and is rate limited too.
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
// After authorization: keys are per caller.
app.UseIdempotencyKeys();
app.MapHealthEndpoints();
app.MapServiceInfo();
app.MapPaceSignIn();
app.MapRazorPages();
app.MapPaceTokens();
app.MapGroup("/api/v1/admin/audit").MapAuditApi();
app.MapGroup("/api/v1/applicants").MapApplicantsApi();
app.MapGroup("/api/v1/assignment-rules").MapAssignmentRulesApi();
app.MapGroup("/api/v1/dashboard").MapDashboardApi();
app.MapGroup("/api/v1/listings").MapListingsApi();
app.MapMedia();
app.MapGroup("/api/v1/admin").MapAdminApi();
app.MapGroup("/api/v1/viewings").MapViewingsApi();
app.MapGroup("/api/v1/offers").MapOffersApi();
app.MapGroup("/api/v1/deals").MapDealsApi();
app.MapGroup("/api/v1/activities").MapActivitiesApi();
app.MapGroup("/api/v1/tasks").MapTasksApi();
app.MapGroup("/api/v1/me/notifications").MapNotificationsApi();
app.MapGroup("/api/v1/saved-views").MapSavedViewsApi();
app.MapTimelineApi();
app.MapMatchingApi();
app.MapPaceApiContract();

return await app.RunServiceAsync();
