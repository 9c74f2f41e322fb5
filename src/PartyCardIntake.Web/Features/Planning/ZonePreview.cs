using PartyCardIntake.Core.Scheduling;

namespace PartyCardIntake.Web.Features.Planning;

/// <summary>What a slot being dragged would meet in a zone: a refusal, or problems; <see cref="Origin"/> is the zone it comes from.</summary>
public sealed record ZonePreview(PlacementRefusal Refusal, SlotProblem Problems, bool Origin);
