namespace PartyCardIntake.Core.Domain;

public enum ImportState
{
    /// <summary>Read and checked; waiting for the committee to commit the valid rows.</summary>
    Validated = 1,

    /// <summary>Being written in chunks by the import worker.</summary>
    Committing = 2,

    Committed = 3,

    /// <summary>The file could not be read at all.</summary>
    Rejected = 4,

    /// <summary>Dropped by the committee before committing.</summary>
    Discarded = 5,
}

/// <summary>
/// An uploaded member file. The checked rows wait here between the preview and the commit, and the
/// commit advances <see cref="ProcessedRows"/> chunk by chunk, so that it resumes after a restart.
/// </summary>
public class MemberImport
{
    public int Id { get; set; }

    public int CommuneId { get; set; }

    public required string FileName { get; set; }

    public DateTime UploadedAt { get; set; }

    public string? UploadedBy { get; set; }

    public ImportState State { get; set; }

    public string? FileError { get; set; }

    public int DataRows { get; set; }

    public int ValidRows { get; set; }

    public int ErrorCount { get; set; }

    /// <summary>The valid rows, as JSON, until the commit has finished.</summary>
    public string? RowsJson { get; set; }

    /// <summary>Row and column errors, as JSON.</summary>
    public string? ErrorsJson { get; set; }

    /// <summary>Cells named in the file that the commune does not have yet.</summary>
    public string? UnknownCellsJson { get; set; }

    public bool CreateUnknownCells { get; set; }

    public int ProcessedRows { get; set; }

    public int Added { get; set; }

    public int Changed { get; set; }

    public int Unchanged { get; set; }

    /// <summary>Rows skipped at commit time: their cell was unknown and not to be created, or their ID number belongs to another commune.</summary>
    public int Skipped { get; set; }

    public int CellsCreated { get; set; }

    public DateTime? CommittedAt { get; set; }
}
