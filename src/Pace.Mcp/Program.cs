using Pace.Client;
using Pace.Mcp;
using Pace.ServiceDefaults;

var builder = PaceService.CreateBuilder(args, McpService.Name);
builder.Services.AddPaceClient();
builder.Services.AddHealthChecks().AddCheck<PaceWebReadyCheck>("pace-web", tags: [HealthEndpoints.ReadyTag]);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealthEndpoints();
app.MapServiceInfo();

return await app.RunServiceAsync();
