using System;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using VisionDrive.Parking.Api.Endpoints;
using VisionDrive.Parking.Data;

namespace VisionDrive.Parking.Api.Errors;

/// <summary>
/// The store's typed write errors as problem details, the detail built from the exception's properties (type, id, reason) so both stores
/// answer the same words: <see cref="EntityNotFoundException"/> 404 (a missing parent, or an entity of another tenant, never revealed);
/// <see cref="EntityConflictException"/> 409 (id taken, slug or DevEUI taken, bay occupied, children left); <see cref="StaleVersionException"/>
/// 412 with the stored version as <c>ETag</c>; <see cref="InvalidEntityException"/> and <see cref="RequestBodyException"/> 400 naming the field.
/// </summary>
internal static class StoreProblems
{
    public static ProblemDetails? From(Exception exception, HttpContext context)
    {
        switch (exception)
        {
            case EntityNotFoundException missing:
                return new ProblemDetails
                {
                    Status = StatusCodes.Status404NotFound,
                    Title = "Not found",
                    Detail = $"No {Name(missing.EntityType)} '{RequestValidation.Shorten(missing.EntityId)}' for this tenant.",
                };
            case EntityConflictException conflict:
                return new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Title = "Conflict",
                    Detail = $"The {Name(conflict.EntityType)} '{RequestValidation.Shorten(conflict.EntityId)}' cannot be written: {conflict.Reason}",
                };
            case StaleVersionException stale:
                context.Response.Headers.ETag = EntityTags.Of(stale.CurrentVersion);
                return new ProblemDetails
                {
                    Status = StatusCodes.Status412PreconditionFailed,
                    Title = "Precondition failed",
                    Detail = $"The {Name(stale.EntityType)} '{RequestValidation.Shorten(stale.EntityId)}' changed since it was read: If-Match {EntityTags.Of(stale.ExpectedVersion)} is not its ETag {EntityTags.Of(stale.CurrentVersion)}. Read it again, reapply the change and retry.",
                };
            case InvalidEntityException invalid:
                return WithParameter(new ProblemDetails
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "Bad request",
                    Detail = $"Field '{invalid.Field}': {invalid.Reason}",
                }, invalid.Field);
            case RequestBodyException body:
                return WithParameter(new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "Bad request", Detail = body.Message }, body.Field);
            default:
                return null;
        }
    }

    private static string Name(EntityType type) => type.Name().ToLowerInvariant();

    private static ProblemDetails WithParameter(ProblemDetails problem, string parameter)
    {
        problem.Extensions["parameter"] = parameter;
        return problem;
    }
}
