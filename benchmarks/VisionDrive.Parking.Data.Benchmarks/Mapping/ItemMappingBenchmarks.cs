using System.Collections.Generic;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using VisionDrive.Parking.Data.DynamoDb.Mapping;
using VisionDrive.Parking.Data.Keys;

namespace VisionDrive.Parking.Data.Benchmarks.Mapping;

/// <summary>
/// Entity → item and item → entity for a sensor event (with a 375-byte decoded payload) and for a bay.
/// Baseline in each category: the AWS SDK's object persistence model (<see cref="DynamoDBContext"/>, <c>ToDocument</c>/<c>FromDocument</c>
/// plus the Document ↔ attribute-map step, so every competitor ends at the same <c>Dictionary&lt;string, AttributeValue&gt;</c>).
/// One file per competitor: <c>.Ours.cs</c>, <c>.DynamoDBContext.cs</c>, <c>.Document.cs</c>.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public partial class ItemMappingBenchmarks
{
    private SensorEvent _event = null!;
    private Bay _bay = null!;
    private Dictionary<string, AttributeValue> _eventItem = null!;
    private Dictionary<string, AttributeValue> _bayItem = null!;
    private EventRecord _eventRecord = null!;
    private BayRecord _bayRecord = null!;
    private IDynamoDBContext _context = null!;
    private AmazonDynamoDBClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _event = Samples.Event();
        _bay = Samples.Bay();
        _eventItem = ParkingItemMapper.ToItem(_event);
        _bayItem = ParkingItemMapper.ToItem(_bay);

        // A client pointed at a dummy endpoint: ToDocument/FromDocument never call it (table metadata fetching is off).
        _client = new AmazonDynamoDBClient(new BasicAWSCredentials("bench", "bench"), new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:9" });
        _context = new DynamoDBContextBuilder()
            .WithDynamoDBClient(() => _client)
            .ConfigureContext(c =>
            {
                c.DisableFetchingTableMetadata = true;
                c.Conversion = DynamoDBEntryConversion.V2;
            })
            .Build();
        _eventRecord = _context.FromDocument<EventRecord>(Amazon.DynamoDBv2.DocumentModel.Document.FromAttributeMap(_eventItem));
        _bayRecord = _context.FromDocument<BayRecord>(Amazon.DynamoDBv2.DocumentModel.Document.FromAttributeMap(_bayItem));
        if (_eventRecord.Decoded?.Gateway?.Id is null || _bayRecord.Lat is null || _eventRecord.Pk != ParkingKeys.Sensor(_event.SensorId))
        {
            throw new System.InvalidOperationException("The DynamoDBContext models do not read the items produced by ParkingItemMapper.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _context.Dispose();
        _client.Dispose();
    }
}
