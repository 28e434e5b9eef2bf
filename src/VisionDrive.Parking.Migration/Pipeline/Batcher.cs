using System.Runtime.CompilerServices;

namespace VisionDrive.Parking.Migration.Pipeline;

/// <summary>The batch stage: groups transformed rows, in source order, into numbered <see cref="PendingBatch"/>es of at most 25 items.</summary>
internal static class Batcher
{
    public static async IAsyncEnumerable<PendingBatch> BatchAsync(IAsyncEnumerable<TransformedRow> rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long sequence = 0;
        var batch = new PendingBatch(sequence++);
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            batch.Read++;
            batch.LastKey = row.Key;
            if (row.Item is { } item)
            {
                batch.Items.Add(item);
            }
            else
            {
                batch.Rejects.Add(row.Failure!);
            }

            batch.Warnings.AddRange(row.Warnings);
            if (batch.IsFull)
            {
                yield return batch;
                batch = new PendingBatch(sequence++);
            }
        }

        if (batch.Read > 0)
        {
            yield return batch;
        }
    }
}
