using Pace.Data;
using Pace.ServiceDefaults;
using Pace.Web;
using Pace.Web.Identity;

var builder = PaceService.CreateBuilder(args, WebService.Name);
builder.Services.AddPaceDatabase(builder.Configuration, PaceDatabase.Pace);
builder.Services.AddHealthChecks().AddDatabaseReadiness(PaceDatabase.Pace, HealthEndpoints.ReadyTag);
builder.AddPaceIdentity();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthEndpoints();
app.MapServiceInfo();

return await app.RunServiceAsync();
