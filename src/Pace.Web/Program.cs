using Pace.Data;
using Pace.ServiceDefaults;
using Pace.Web;

var builder = PaceService.CreateBuilder(args, WebService.Name);
builder.Services.AddPaceDatabase(builder.Configuration, PaceDatabase.Pace);
builder.Services.AddHealthChecks().AddDatabaseReadiness(PaceDatabase.Pace, HealthEndpoints.ReadyTag);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealthEndpoints();
app.MapServiceInfo();

return await app.RunServiceAsync();
