using System.Diagnostics.Metrics;
using Glance.Domain.Application;
using Glance.Domain.Data;
using Glance.Domain.Ports;
using Glance.Domain.Telemetry;
using Moq;

namespace Glance.Domain.Tests.Data;

/// <summary>What an operator sees of validations: the bytes read and hashed, and how long it took, on the Glance meter.</summary>
public sealed class ValidationMetricsTests
{
    [Fact]
    public async Task ReadAndHashAsync_OneValidation_RecordsItsBytesAndDuration()
    {
        var imageId = Guid.NewGuid().ToString();
        var data = new Mock<IImageDataStore>();
        data.Setup(d => d.OpenReadAsync(imageId, 0, null, It.IsAny<CancellationToken>())).ReturnsAsync(() => new MemoryStream(new byte[12345]));
        var (_, flow) = TestImages.DataFlow(Mock.Of<IImageRepository>(), data.Object, Mock.Of<IImageTaskRepository>());
        var bytes = new List<long>();
        var durations = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GlanceMetrics.Name && instrument.Name is "glance.validation.bytes" or "glance.validation.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => { lock (bytes) { bytes.Add(value); } });
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => { lock (durations) { durations.Add(value); } });
        listener.Start();

        var facts = await flow.ReadAndHashAsync(imageId, CancellationToken.None);

        // Other tests may validate at the same time on the same static meter: ours is among what was recorded.
        Assert.Equal(12345, facts.Size);
        lock (bytes)
        {
            Assert.Contains(12345L, bytes);
        }
        lock (durations)
        {
            Assert.NotEmpty(durations);
            Assert.All(durations, d => Assert.True(d >= 0));
        }
    }
}
