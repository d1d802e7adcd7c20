using Glance.Functions;
using Glance.Functions.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddGlanceTelemetry(builder.Configuration).UseFunctionsWorkerDefaults();
builder.Services.AddGlanceApp(builder.Configuration);
builder.Build().Run();
