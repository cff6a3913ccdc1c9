using Pace.Ai;
using Pace.Data;
using Pace.ServiceDefaults;

var builder = PaceService.CreateBuilder(args, AiService.Name);
builder.Services.AddPaceDatabase(builder.Configuration, PaceDatabase.PaceAi);
builder.Services.AddHealthChecks().AddDatabaseReadiness(PaceDatabase.PaceAi, HealthEndpoints.ReadyTag);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealthEndpoints();
app.MapServiceInfo();

return await app.RunServiceAsync();
