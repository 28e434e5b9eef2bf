namespace VisionDrive.Parking.Data.DynamoDb.Stores;

/// <summary>Placeholders for one DynamoDB write: attribute names <c>#nX</c> and values <c>:vX</c>, shared by its update and condition expressions.</summary>
internal sealed class WriteExpression
{
    public Dictionary<string, string> Names { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, AttributeValue> Values { get; } = new(StringComparer.Ordinal);

    public string Name(string attribute)
    {
        foreach (var (placeholder, name) in Names)
        {
            if (name == attribute)
            {
                return placeholder;
            }
        }

        var next = "#n" + Names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Names[next] = attribute;
        return next;
    }

    public string Value(AttributeValue value)
    {
        var next = ":v" + Values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Values[next] = value;
        return next;
    }

    public string Value(string value) => Value(new AttributeValue { S = value });

    /// <summary><c>#a = :v</c>, or <c>attribute_not_exists(#a)</c> when <paramref name="value"/> is null.</summary>
    public string EqualsOrAbsent(string attribute, AttributeValue? value) =>
        value?.S is null ? $"attribute_not_exists({Name(attribute)})" : $"{Name(attribute)} = {Value(value.S)}";

    /// <summary>
    /// <c>SET</c> every attribute of <paramref name="next"/> and <c>REMOVE</c> every attribute only <paramref name="previous"/> has, except the keys
    /// and <paramref name="keep"/> (attributes other writes own: a bay's live status, a sensor's <c>lastSeenAt</c>).
    /// </summary>
    public string Replace(IReadOnlyDictionary<string, AttributeValue> previous, IReadOnlyDictionary<string, AttributeValue> next, IReadOnlyCollection<string> keep)
    {
        var set = new StringBuilder();
        var remove = new StringBuilder();
        foreach (var (name, value) in next)
        {
            if (name is ParkingTable.Pk or ParkingTable.Sk || Contains(keep, name))
            {
                continue;
            }

            set.Append(set.Length == 0 ? "SET " : ", ").Append(Name(name)).Append(" = ").Append(Value(value));
        }

        foreach (var name in previous.Keys)
        {
            if (name is ParkingTable.Pk or ParkingTable.Sk || next.ContainsKey(name) || Contains(keep, name))
            {
                continue;
            }

            remove.Append(remove.Length == 0 ? " REMOVE " : ", ").Append(Name(name));
        }

        return set.Append(remove).ToString();
    }

    private static bool Contains(IReadOnlyCollection<string> names, string name)
    {
        foreach (var n in names)
        {
            if (n == name)
            {
                return true;
            }
        }

        return false;
    }
}
