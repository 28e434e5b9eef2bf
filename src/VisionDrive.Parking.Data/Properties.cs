using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("VisionDrive.Parking.Data.DynamoDb")]
[assembly: InternalsVisibleTo("VisionDrive.Parking.Data.Postgres")]
[assembly: InternalsVisibleTo("VisionDrive.Parking.Migration")]
