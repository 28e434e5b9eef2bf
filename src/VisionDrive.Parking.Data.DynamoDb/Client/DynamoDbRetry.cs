using System.IO;
using System.Net;
using System.Net.Http;
using Amazon.Runtime;
using Polly;
using Polly.Retry;
using VisionDrive.Parking.Data.DynamoDb.Writing;

namespace VisionDrive.Parking.Data.DynamoDb.Client;

/// <summary>
/// The one retry layer of bulk work (batch writes, and the scans of verify and sync): a Polly.Core retry with capped exponential backoff
/// and full jitter, timed by a <see cref="TimeProvider"/>, retrying throttling, 5xx, network failures and timeouts. The client it runs over
/// is built with the SDK's own retries off (<see cref="DynamoDbStoreOptions.MaxErrorRetry"/> = 0), so one attempt here is one HTTP request
/// and the attempts counted in a report are the attempts made (docs/architecture.md, "The retry layer").
/// </summary>
public static class DynamoDbRetry
{
    /// <summary>A pipeline that retries transient DynamoDB errors, with the settings of <paramref name="options"/>.</summary>
    /// <param name="options">Attempts, delays and the jitter source; defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock of the delays; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <returns>The pipeline; <see cref="ResiliencePipeline.Empty"/> when <see cref="BatchWriterOptions.MaxAttempts"/> is 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static ResiliencePipeline Create(BatchWriterOptions? options = null, TimeProvider? timeProvider = null)
    {
        options ??= new BatchWriterOptions();
        options.Validate();
        if (options.MaxAttempts == 1)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = timeProvider ?? TimeProvider.System }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && IsTransient(ex, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Backoff(options, args.AttemptNumber + 1)),
            })
            .Build();
    }

    /// <summary>Whether <paramref name="exception"/> is worth retrying: throttling, a 5xx, a network failure or a timeout (not the caller's own cancellation).</summary>
    /// <param name="exception">The error.</param>
    /// <param name="cancellationToken">The caller's token: a cancellation it asked for is not transient.</param>
    /// <returns>Whether a retry may succeed.</returns>
    public static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        ProvisionedThroughputExceededException or RequestLimitExceededException or InternalServerErrorException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        AmazonServiceException ase when ase.StatusCode >= HttpStatusCode.InternalServerError => true,
        AmazonServiceException ase when ase.ErrorCode is "ThrottlingException" or "Throttling" or "TooManyRequestsException" => true,
        AmazonServiceException ase when ase.InnerException is HttpRequestException or IOException => true,
        HttpRequestException or IOException => true,
        _ => false,
    };

    /// <summary>Whether <paramref name="exception"/> is DynamoDB throttling (capacity or request rate), as opposed to a 5xx or a network failure.</summary>
    internal static bool IsThrottle(Exception exception) => exception switch
    {
        ProvisionedThroughputExceededException or RequestLimitExceededException => true,
        AmazonServiceException ase => ase.ErrorCode is "ThrottlingException" or "Throttling" or "TooManyRequestsException",
        _ => false,
    };

    /// <summary>
    /// The batch writer's pipeline: the same retry, also retrying an answer that left <c>UnprocessedItems</c> (what is left is resubmitted by the
    /// callback, which keeps it).
    /// </summary>
    internal static ResiliencePipeline<BatchWriteItemResponse> ForBatchWrites(BatchWriterOptions options, TimeProvider timeProvider, Func<BatchWriteItemResponse, bool> leftUnprocessed)
    {
        if (options.MaxAttempts == 1)
        {
            return ResiliencePipeline<BatchWriteItemResponse>.Empty;
        }

        return new ResiliencePipelineBuilder<BatchWriteItemResponse> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<BatchWriteItemResponse>
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex ? IsTransient(ex, args.Context.CancellationToken) : args.Outcome.Result is { } r && leftUnprocessed(r)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Backoff(options, args.AttemptNumber + 1)),
            })
            .Build();
    }

    /// <summary>Capped exponential backoff with full jitter: uniform in [0, min(cap, base * 2^retry)], the uniform draw from <see cref="BatchWriterOptions.Jitter"/>.</summary>
    internal static TimeSpan Backoff(BatchWriterOptions options, int retry)
    {
        var ceiling = Math.Min(options.MaxDelay.TotalMilliseconds, options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30)));
        var draw = (options.Jitter ?? Random.Shared.NextDouble)();
        return TimeSpan.FromMilliseconds(Math.Clamp(draw, 0, 1) * ceiling);
    }
}
