using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb.Mapping;
using VisionDrive.Parking.Migration.Export;
using Xunit.Abstractions;

namespace VisionDrive.Parking.IntegrationTests.Reliability;

/// <summary>
/// Generated malformed JSON payloads and odd strings (fixed seed, bounded count) through the mapping: <c>JsonText.Parse</c> →
/// <c>ParkingItemMapper.ToItem</c> → DynamoDB JSON (the wire/export form) → <c>FromItem</c>. Each ends in a clear error
/// (<see cref="FormatException"/>, or <see cref="InvalidEntityException"/> naming the field) or a faithful round trip: never another
/// exception, never a silent change.
/// </summary>
public sealed class MappingFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 90210;
    private const int Payloads = 3000;
    private static readonly DateTimeOffset Time = new(2026, 1, 12, 10, 30, 0, TimeSpan.Zero);

    private static readonly string[] OddStrings =
    [
        "", " ", "#", "%", "a#b%c", "##", "%23", "TENANT#x", "METADATA", "ünïcode-مواقف", "🅿️🚗", "\u0000", "\u0001x", "line\nbreak", "tab\t",
        "\ud800", "x\udc00y", "\ufeffbom", "\u202Eright-to-left", new string('a', 1100), new string('é', 700), "null", "\"quoted\"", "back\\slash",
    ];

    [Fact]
    public void Malformed_and_odd_payloads_end_in_a_clear_error_or_a_faithful_round_trip()
    {
        var random = new Random(Seed);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < Payloads; i++)
        {
            var text = (i % 3) switch
            {
                0 => Tree(random, 0),
                1 => Mutate(random, Tree(random, 0)),
                _ => random.Next(4) == 0 ? OddStrings[random.Next(OddStrings.Length)] : Mutate(random, Mutate(random, Tree(random, 0))),
            };
            var outcome = Check(i, text);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        output.WriteLine(string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key}: {o.Value}")));
        outcomes.Keys.Should().Contain(["round trip", "FormatException", "InvalidEntityException"], "the generator must reach every outcome");
    }

    [Fact]
    public void Odd_strings_in_ids_and_names_end_in_a_clear_error_or_a_faithful_round_trip()
    {
        foreach (var s in OddStrings)
        {
            foreach (var entity in new object[]
                     {
                         new Tenant(s, s, s, "ACTIVE", Time, Time),
                         new Tenant("t-1", s, "slug", s, Time, Time),
                         new SensorEvent(s, Time, "tenant-1", s, "HEARTBEAT", null),
                     })
            {
                Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> item;
                try
                {
                    item = ParkingItemMapper.ToItem(entity);
                }
                catch (InvalidEntityException ex)
                {
                    ex.Field.Should().NotBeNullOrEmpty();
                    ex.Message.Should().Contain(ex.Field);
                    continue;
                }

                var back = ParkingItemMapper.FromItem(DynamoDbJson.FromLine(DynamoDbJson.ToLine(item)));
                back.Should().Be(entity, $"'{Escape(s)}' must come back unchanged or be refused");
            }
        }
    }

    private static string Check(int i, string text)
    {
        JsonText json;
        try
        {
            json = JsonText.Parse(text);
        }
        catch (FormatException ex)
        {
            ex.Message.Should().NotBeNullOrWhiteSpace();
            return "FormatException";
        }

        var e = new SensorEvent("evt-fuzz-" + i.ToString(CultureInfo.InvariantCulture), Time, "tenant-1", "PSL01B-001", "HEARTBEAT", json);
        Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> item;
        try
        {
            item = ParkingItemMapper.ToItem(e);
        }
        catch (InvalidEntityException ex)
        {
            ex.Field.Should().StartWith("decoded", Escape(text)); // the field, and the path inside the document when there is one
            ex.Message.Should().Contain("decoded");
            return "InvalidEntityException";
        }

        var line = DynamoDbJson.ToLine(item);
        var back = (SensorEvent)ParkingItemMapper.FromItem(DynamoDbJson.FromLine(line));
        back.Should().Be(e, "payload " + Escape(text));
        back.Decoded!.Equals(json).Should().BeTrue(Escape(text));
        return "round trip";
    }

    private static string Tree(Random r, int depth)
    {
        var pick = depth > 36 ? r.Next(4) : r.Next(depth < 3 ? 8 : 10);
        switch (pick)
        {
            case 0:
                return Number(r);
            case 1:
                return Str(r);
            case 2:
                return r.Next(2) == 0 ? "true" : "false";
            case 3:
                return "null";
            case 4 or 5 or 6:
            {
                var n = r.Next(depth > 10 ? 2 : 5);
                var keys = Enumerable.Range(0, n).Select(_ => r.Next(12) == 0 ? "" : Str(r)).ToList();
                if (n > 1 && r.Next(8) == 0)
                {
                    keys[1] = keys[0]; // a duplicate member name
                }

                return "{" + string.Join(",", keys.Select(k => k + ":" + Tree(r, depth + 1))) + "}";
            }

            default:
                return "[" + string.Join(",", Enumerable.Range(0, r.Next(depth > 10 ? 2 : 5)).Select(_ => Tree(r, depth + 1))) + "]";
        }
    }

    private static string Number(Random r)
    {
        var digits = new StringBuilder();
        var count = r.Next(10) == 0 ? r.Next(36, 46) : r.Next(1, 12);
        digits.Append((char)('1' + r.Next(9)));
        for (var i = 1; i < count; i++)
        {
            digits.Append((char)('0' + r.Next(10)));
        }

        var s = (r.Next(4) == 0 ? "-" : "") + digits;
        if (r.Next(3) == 0)
        {
            s = s.Insert(Math.Min(s.Length, 1 + r.Next(3)), ".").TrimEnd('.') + (s.Contains('.') ? "" : "");
        }

        if (r.Next(4) == 0)
        {
            s += "e" + r.Next(-140, 140).ToString(CultureInfo.InvariantCulture);
        }

        return r.Next(30) == 0 ? "-0" : s.Replace("-.", "-0.", StringComparison.Ordinal);
    }

    private static string Str(Random r)
    {
        string[] pieces = ["a", "zone", "ü", "مواقف", "🚗", "\\n", "\\\"", "\\\\", "\\u0000", "\\ud800", "\\udc00", "\\ud83d\\ude97", "#", "%", " ", "\\t", "x"];
        var sb = new StringBuilder("\"");
        for (var i = r.Next(6); i > 0; i--)
        {
            sb.Append(pieces[r.Next(pieces.Length)]);
        }

        return sb.Append('"').ToString();
    }

    private static string Mutate(Random r, string s)
    {
        if (s.Length == 0)
        {
            return "{";
        }

        var at = r.Next(s.Length);
        string[] inserts = ["{", "}", "[", "]", ",", ":", "\"", "\\", "NaN", "Infinity", "'", "\u0001", "01", "1.", ".5", "\ud800"];
        return r.Next(4) switch
        {
            0 => s.Remove(at, 1),
            1 => s.Insert(at, inserts[r.Next(inserts.Length)]),
            2 => s[..at],
            _ => s.Remove(at, 1).Insert(at, inserts[r.Next(inserts.Length)]),
        };
    }

    private static string Escape(string s)
    {
        var t = s.Length > 200 ? s[..200] + "…" : s;
        return string.Concat(t.Select(c => c < ' ' || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}
