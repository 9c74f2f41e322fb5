namespace PartyCardIntake.Core.Domain;

public enum Sex
{
    Male = 1,
    Female = 2,
}
