using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeguardingPortal.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddRecordingAccessAgreementsAndConsentTerms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RecordingKeptFor",
                table: "ConsentRequests",
                type: "TEXT",
                maxLength: 4200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "RecordingPolicyId",
                table: "ConsentRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecordingPurpose",
                table: "ConsentRequests",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "RecordingSeenBy",
                table: "ConsentRequests",
                type: "TEXT",
                maxLength: 6000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "FamilyRecordingAgreements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ActivitySessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    ChildId = table.Column<int>(type: "INTEGER", nullable: false),
                    ParentCarerId = table.Column<int>(type: "INTEGER", nullable: true),
                    AgreedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UsedFor = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    KeepUntil = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    NotShared = table.Column<bool>(type: "INTEGER", nullable: false),
                    AgreedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAtUtc = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FamilyRecordingAgreements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FamilyRecordingAgreements_ActivitySessions_ActivitySessionId",
                        column: x => x.ActivitySessionId,
                        principalTable: "ActivitySessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FamilyRecordingAgreements_Children_ChildId",
                        column: x => x.ChildId,
                        principalTable: "Children",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FamilyRecordingAgreements_ParentsCarers_ParentCarerId",
                        column: x => x.ParentCarerId,
                        principalTable: "ParentsCarers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RecordingAccesses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecordingId = table.Column<int>(type: "INTEGER", nullable: false),
                    AccessedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AccessedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AccessedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordingAccesses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecordingAccesses_Recordings_RecordingId",
                        column: x => x.RecordingId,
                        principalTable: "Recordings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentRequests_RecordingPolicyId",
                table: "ConsentRequests",
                column: "RecordingPolicyId");

            migrationBuilder.CreateIndex(
                name: "IX_FamilyRecordingAgreements_ActivitySessionId",
                table: "FamilyRecordingAgreements",
                column: "ActivitySessionId");

            migrationBuilder.CreateIndex(
                name: "IX_FamilyRecordingAgreements_ChildId",
                table: "FamilyRecordingAgreements",
                column: "ChildId");

            migrationBuilder.CreateIndex(
                name: "IX_FamilyRecordingAgreements_ParentCarerId",
                table: "FamilyRecordingAgreements",
                column: "ParentCarerId");

            migrationBuilder.CreateIndex(
                name: "IX_FamilyRecordingAgreements_Reference",
                table: "FamilyRecordingAgreements",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RecordingAccesses_RecordingId_AccessedAtUtc",
                table: "RecordingAccesses",
                columns: new[] { "RecordingId", "AccessedAtUtc" });

            migrationBuilder.AddForeignKey(
                name: "FK_ConsentRequests_RecordingPolicies_RecordingPolicyId",
                table: "ConsentRequests",
                column: "RecordingPolicyId",
                principalTable: "RecordingPolicies",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ConsentRequests_RecordingPolicies_RecordingPolicyId",
                table: "ConsentRequests");

            migrationBuilder.DropTable(
                name: "FamilyRecordingAgreements");

            migrationBuilder.DropTable(
                name: "RecordingAccesses");

            migrationBuilder.DropIndex(
                name: "IX_ConsentRequests_RecordingPolicyId",
                table: "ConsentRequests");

            migrationBuilder.DropColumn(
                name: "RecordingKeptFor",
                table: "ConsentRequests");

            migrationBuilder.DropColumn(
                name: "RecordingPolicyId",
                table: "ConsentRequests");

            migrationBuilder.DropColumn(
                name: "RecordingPurpose",
                table: "ConsentRequests");

            migrationBuilder.DropColumn(
                name: "RecordingSeenBy",
                table: "ConsentRequests");
        }
    }
}
