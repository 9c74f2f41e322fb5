namespace PartyCardIntake.Web.Hosting;

/// <summary>Section "Node": this web node among several behind one proxy.</summary>
public sealed class NodeOptions
{
    public const string Section = "Node";

    /// <summary>
    /// A short name for this node in its logs and, when <see cref="SendNameHeader"/> is on, in the <c>X-Node</c>
    /// response header (the systemd template sets the port, e.g. "5001"). Unset: the random part of the worker
    /// lease holder, new at every start.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>
    /// Adds <c>X-Node: &lt;name&gt;</c> to every response, to see which node answered while setting up or testing a
    /// proxy. Off by default: it tells outsiders nothing useful, but nothing they need either.
    /// </summary>
    public bool SendNameHeader { get; set; }
}
