using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Sites;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Web.Features.Cells;
using PartyCardIntake.Web.Components.Forms;

namespace PartyCardIntake.IntegrationTests.Cells;

/// <summary>The cell form's work through <see cref="CellQueries"/>, as the pages' circuits call it, on a real database.</summary>
public abstract class CellTests(AppFixture app)
{
    [Fact]
    public async Task The_committee_creates_a_cell_typed_in_decomposed_unicode_and_renames_it()
    {
        var suffix = Guid.NewGuid().ToString("N")[..5];
        var typed = ("Chi bộ  Khu phố Đông " + suffix).Normalize(NormalizationForm.FormD);
        await using var committee = await ServiceAs.UserAsync(app, DemoAccounts.Committee);
        var cells = committee.Get<CellQueries>();
        var created = await cells.SaveAsync(null, new CellInput { Name = typed, SecretaryName = "Lê Văn Tám".Normalize(NormalizationForm.FormD), SecretaryPhone = " 0912 345 678 ", Availability = CellAvailability.Evenings });
        created.Status.Should().Be(SaveStatus.Saved);

        await using (var db = app.SystemContext())
        {
            var cell = await db.PartyCells.SingleAsync(c => c.Id == created.Id);
            cell.Name.Should().Be("Chi bộ Khu phố Đông " + suffix, "names are saved in NFC with spaces collapsed");
            cell.SecretaryName.Should().Be("Lê Văn Tám");
            cell.SecretaryPhone.Should().Be("0912 345 678");
            cell.Availability.Should().Be(CellAvailability.Evenings);
            cell.CommuneId.Should().Be(app.CommuneOne);
        }

        (await cells.ListAsync()).Should().Contain(r => r.Id == created.Id && r.Availability == CellAvailability.Evenings && r.Counts.Members == 0);

        var form = (await cells.FormAsync(created.Id!.Value))!;
        form.Name.Should().Be("Chi bộ Khu phố Đông " + suffix);
        form.Name = "Chi bộ Khu phố Tây " + suffix;
        form.IsExternal = true;
        (await cells.SaveAsync(created.Id, form)).Status.Should().Be(SaveStatus.Saved);
        (await cells.ListAsync()).Should().Contain(r => r.Id == created.Id && r.Name == "Chi bộ Khu phố Tây " + suffix && r.IsExternal);
    }

    [Fact]
    public async Task A_name_taken_in_the_commune_is_refused_beside_the_name_even_typed_in_nfd()
    {
        await using var db = app.SystemContext();
        var existing = await db.PartyCells.Where(c => c.CommuneId == app.CommuneOne).OrderBy(c => c.Id).Select(c => c.Name).FirstAsync();
        await using var committee = await ServiceAs.UserAsync(app, DemoAccounts.Committee);
        var result = await committee.Get<CellQueries>().SaveAsync(null, new CellInput { Name = existing.Normalize(NormalizationForm.FormD) });
        result.Status.Should().Be(SaveStatus.Invalid);
        result.Errors.Should().ContainSingle().Which.Should().Match<FluentValidation.Results.ValidationFailure>(
            e => e.PropertyName == nameof(CellInput.Name) && e.ErrorMessage == "Xã/phường đã có chi bộ mang tên này.");

    }

    [Fact]
    public async Task Bad_input_is_refused_by_the_service_with_nothing_saved()
    {
        var name = "Chi bộ lỗi " + Guid.NewGuid().ToString("N")[..5];
        await using var committee = await ServiceAs.UserAsync(app, DemoAccounts.Committee);
        var result = await committee.Get<CellQueries>().SaveAsync(null, new CellInput { Name = name, SecretaryPhone = "０９１２３４５６７８" });
        result.Status.Should().Be(SaveStatus.Invalid);
        result.Errors.Should().ContainSingle(e => e.PropertyName == nameof(CellInput.SecretaryPhone));
        (await committee.Get<CellQueries>().SaveAsync(null, new CellInput { Name = "   " })).Errors.Should().ContainSingle(e => e.ErrorMessage == "Tên chi bộ không được để trống.");
        await using var db = app.SystemContext();
        (await db.PartyCells.AnyAsync(c => c.Name == name)).Should().BeFalse();
    }

    [Fact]
    public async Task Only_the_committee_keeps_the_cells_and_every_commune_role_sees_them()
    {
        await using var db = app.SystemContext();
        var cell = await db.PartyCells.Where(c => c.CommuneId == app.CommuneOne).OrderBy(c => c.Id).FirstAsync();
        foreach (var who in new[] { DemoAccounts.Officer, DemoAccounts.Lead })
        {
            await using var user = await ServiceAs.UserAsync(app, who);
            var cells = user.Get<CellQueries>();
            (await cells.ListAsync()).Should().Contain(r => r.Id == cell.Id);
            (await cells.FormAsync(cell.Id)).Should().BeNull();
            (await cells.SaveAsync(cell.Id, new CellInput { Name = "Đổi tên" })).Status.Should().Be(SaveStatus.Forbidden);
            (await cells.SaveAsync(null, new CellInput { Name = "Chi bộ mới " + who })).Status.Should().Be(SaveStatus.Forbidden);
        }

        (await db.PartyCells.AsNoTracking().SingleAsync(c => c.Id == cell.Id)).Name.Should().Be(cell.Name);

        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        using var denied = await lead.GetAsync($"/cells/{cell.Id}");
        denied.StatusCode.Should().Be(HttpStatusCode.Redirect);
        denied.Headers.Location!.ToString().Should().Contain("/account/denied");
    }

    [Fact]
    public async Task Another_communes_cell_is_not_found_by_any_method_the_pages_call()
    {
        await using var db = app.SystemContext();
        var foreign = await db.PartyCells.AsNoTracking().Where(c => c.CommuneId == app.CommuneTwo).OrderBy(c => c.Id).FirstAsync();
        await using var committee = await ServiceAs.UserAsync(app, DemoAccounts.Committee);
        var cells = committee.Get<CellQueries>();
        (await cells.ListAsync()).Should().NotContain(r => r.Id == foreign.Id);
        (await cells.FormAsync(foreign.Id)).Should().BeNull();
        (await cells.SaveAsync(foreign.Id, new CellInput { Name = "Chi bộ X " + Guid.NewGuid().ToString("N")[..4] })).Status.Should().Be(SaveStatus.NotFound);
        (await db.PartyCells.AsNoTracking().SingleAsync(c => c.Id == foreign.Id)).Name.Should().Be(foreign.Name);

        using var client = await app.SignedInClientAsync(DemoAccounts.Committee);
        (await client.GetAsync($"/cells/{foreign.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : CellTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : CellTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : CellTests(app);
}
