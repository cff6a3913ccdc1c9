using Pace.Sandbox;
using Pace.Sandbox.Google;
using Pace.ServiceDefaults;

// The sandbox keeps no database: it is ready as soon as it listens. Vendor simulators arrive with their features.
var builder = PaceService.CreateBuilder(args, SandboxService.Name);
builder.Services.AddGoogleSandbox();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealthEndpoints();
app.MapServiceInfo();
app.MapGoogleSandbox();

return await app.RunServiceAsync();
