using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Npgsql;
using VisionDrive.Parking.Api.Hosting;
using VisionDrive.Parking.Data;

namespace VisionDrive.Parking.Api.Errors;

/// <summary>
/// The global exception handler: the store's typed write errors and a bad admin body are mapped by <see cref="StoreProblems"/>
/// (404, 409, 412, 400); an <see cref="ArgumentException"/> from a store (a malformed page token, a bad argument) is the caller's
/// mistake, 400 with the store's message; a store that does not answer (network, timeout, PostgreSQL or DynamoDB error) is 503; anything else
/// is 500. Every answer is RFC 7807 problem details with a trace id, never a stack trace; the exception goes to the log.
/// </summary>
internal sealed partial class StoreExceptionHandler(IProblemDetailsService problems, ParkingStoreInfo info, ILogger<StoreExceptionHandler> logger) : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true; // the client went away: nobody to answer
        }

        ProblemDetails problem;
        if (StoreProblems.From(exception, httpContext) is { } storeProblem)
        {
            LogRefusedWrite(logger, httpContext.Request.Path, storeProblem.Status ?? 0, exception.Message);
            problem = storeProblem;
        }
        else if (exception is BadHttpRequestException bad)
        {
            problem = new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message };
        }
        else if (exception is ArgumentException argument)
        {
            LogBadArgument(logger, httpContext.Request.Path, argument.Message);
            problem = new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "Bad request", Detail = argument.Message };
            if (argument.ParamName is { } name)
            {
                problem.Extensions["parameter"] = name == "page" ? "cursor" : name;
            }
        }
        else if (IsOutage(exception))
        {
            LogOutage(logger, exception, info.Store, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Store unavailable",
                Detail = $"The {info.Store} store did not answer ({exception.GetType().Name}). Retry later; the trace id finds the details in the log.",
            };
            httpContext.Response.Headers.RetryAfter = "5";
        }
        else
        {
            LogUnexpected(logger, exception, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Unexpected error",
                Detail = "The request failed unexpectedly; the trace id finds the details in the log.",
            };
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = null });
    }

    /// <summary>Whether the exception (or one it wraps) says the store could not be reached or failed on its side.</summary>
    internal static bool IsOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException or AmazonServiceException or AmazonClientException or HttpRequestException or SocketException or TimeoutException or IOException
                || (e is ParkingDataException p && p.IsTransient)
                || e is OperationCanceledException)
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Bad request on {Path}: {Reason}")]
    private static partial void LogBadArgument(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "The {Store} store failed on {Path}")]
    private static partial void LogOutage(ILogger logger, Exception exception, string store, string path);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Unexpected error on {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Write refused on {Path} ({Status}): {Reason}")]
    private static partial void LogRefusedWrite(ILogger logger, string path, int status, string reason);
}
