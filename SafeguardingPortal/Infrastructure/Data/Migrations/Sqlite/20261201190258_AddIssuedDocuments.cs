using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeguardingPortal.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddIssuedDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IssuedDocuments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    RelatedId = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Bytes = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    IssuedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    Sealed = table.Column<bool>(type: "INTEGER", nullable: false),
                    SealThumbprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuedDocuments", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IssuedDocuments_Kind_RelatedId",
                table: "IssuedDocuments",
                columns: new[] { "Kind", "RelatedId" });

            migrationBuilder.CreateIndex(
                name: "IX_IssuedDocuments_Reference",
                table: "IssuedDocuments",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IssuedDocuments_Sha256",
                table: "IssuedDocuments",
                column: "Sha256");

            // Issued bytes are the record: never changed, never removed.
            migrationBuilder.Sql("CREATE TRIGGER IssuedDocuments_NoUpdate BEFORE UPDATE ON IssuedDocuments BEGIN SELECT RAISE(ABORT, 'issued documents cannot be changed'); END;");
            migrationBuilder.Sql("CREATE TRIGGER IssuedDocuments_NoDelete BEFORE DELETE ON IssuedDocuments BEGIN SELECT RAISE(ABORT, 'issued documents cannot be deleted'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS IssuedDocuments_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS IssuedDocuments_NoDelete;");
            migrationBuilder.DropTable(
                name: "IssuedDocuments");
        }
    }
}
