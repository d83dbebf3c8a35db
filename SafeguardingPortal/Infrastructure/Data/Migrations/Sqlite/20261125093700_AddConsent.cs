using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SafeguardingPortal.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddConsent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConsentTemplate",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Introduction = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ChildIntroduction = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    HasUnpublishedChanges = table.Column<bool>(type: "INTEGER", nullable: false),
                    LatestVersionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    IsArchived = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentTemplate", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutgoingEmails",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RelatedId = table.Column<int>(type: "INTEGER", nullable: false),
                    ToAddress = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    ToName = table.Column<string>(type: "TEXT", maxLength: 220, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    CreatedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    NextAttemptAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    LastAttemptAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    SentAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ClaimedUntilUtc = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutgoingEmails", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConsentTemplateItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TemplateId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ChildExplanation = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentTemplateItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentTemplateItems_ConsentTemplate_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "ConsentTemplate",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsentTemplateVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TemplateId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Introduction = table.Column<string>(type: "TEXT", nullable: false),
                    ChildIntroduction = table.Column<string>(type: "TEXT", nullable: false),
                    ContentJson = table.Column<string>(type: "TEXT", nullable: false),
                    ContentSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PublishedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentTemplateVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentTemplateVersions_ConsentTemplate_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "ConsentTemplate",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsentRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ActivityId = table.Column<int>(type: "INTEGER", nullable: false),
                    TemplateVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OrganisationName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ActivityTitle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ActivityDescription = table.Column<string>(type: "TEXT", nullable: false),
                    WhyOnline = table.Column<string>(type: "TEXT", nullable: false),
                    Benefits = table.Column<string>(type: "TEXT", nullable: false),
                    Risks = table.Column<string>(type: "TEXT", nullable: false),
                    PlatformName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Helpline = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Declaration = table.Column<string>(type: "TEXT", nullable: false),
                    ChildDeclaration = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentRequests_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ConsentRequests_ConsentTemplateVersions_TemplateVersionId",
                        column: x => x.TemplateVersionId,
                        principalTable: "ConsentTemplateVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsentTemplateVersionItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", nullable: false),
                    ChildExplanation = table.Column<string>(type: "TEXT", nullable: false),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentTemplateVersionItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentTemplateVersionItems_ConsentTemplateVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "ConsentTemplateVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsentInvitations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PublicId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RequestId = table.Column<int>(type: "INTEGER", nullable: false),
                    SignerKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ChildId = table.Column<int>(type: "INTEGER", nullable: true),
                    ParentCarerId = table.Column<int>(type: "INTEGER", nullable: true),
                    StaffMemberId = table.Column<int>(type: "INTEGER", nullable: true),
                    SubjectName = table.Column<string>(type: "TEXT", maxLength: 220, nullable: false),
                    RecipientName = table.Column<string>(type: "TEXT", maxLength: 220, nullable: false),
                    RecipientEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Relationship = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstSentAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    OpenedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    SignedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    ExpiredAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RemindersSent = table.Column<int>(type: "INTEGER", nullable: false),
                    PresentedSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentInvitations_ConsentRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "ConsentRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsentInvitationEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InvitationId = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    IpAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserAgent = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentInvitationEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentInvitationEvents_ConsentInvitations_InvitationId",
                        column: x => x.InvitationId,
                        principalTable: "ConsentInvitations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsentSignatures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    InvitationId = table.Column<int>(type: "INTEGER", nullable: true),
                    ActivityId = table.Column<int>(type: "INTEGER", nullable: false),
                    TemplateVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SignerKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ChildId = table.Column<int>(type: "INTEGER", nullable: true),
                    ParentCarerId = table.Column<int>(type: "INTEGER", nullable: true),
                    StaffMemberId = table.Column<int>(type: "INTEGER", nullable: true),
                    SubjectName = table.Column<string>(type: "TEXT", maxLength: 220, nullable: false),
                    SignerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Relationship = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    SignerEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    SignatureImage = table.Column<byte[]>(type: "BLOB", nullable: true),
                    SignedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    IpAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserAgent = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    PresentedSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AnswersSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentSignatures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentSignatures_ConsentInvitations_InvitationId",
                        column: x => x.InvitationId,
                        principalTable: "ConsentInvitations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ConsentSignatures_ConsentTemplateVersions_TemplateVersionId",
                        column: x => x.TemplateVersionId,
                        principalTable: "ConsentTemplateVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsentTokens",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    InvitationId = table.Column<int>(type: "INTEGER", nullable: false),
                    SignatureId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    InvalidatedAtUtc = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentTokens_ConsentInvitations_InvitationId",
                        column: x => x.InvitationId,
                        principalTable: "ConsentInvitations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsentAnswers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SignatureId = table.Column<int>(type: "INTEGER", nullable: false),
                    TemplateItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Given = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentAnswers_ConsentSignatures_SignatureId",
                        column: x => x.SignatureId,
                        principalTable: "ConsentSignatures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsentScans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SignatureId = table.Column<int>(type: "INTEGER", nullable: false),
                    StoredName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentScans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentScans_ConsentSignatures_SignatureId",
                        column: x => x.SignatureId,
                        principalTable: "ConsentSignatures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsentWithdrawals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SignatureId = table.Column<int>(type: "INTEGER", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    WithdrawnByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    WithdrawnAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    IpAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserAgent = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Items = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    AcknowledgedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AcknowledgementNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentWithdrawals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentWithdrawals_ConsentSignatures_SignatureId",
                        column: x => x.SignatureId,
                        principalTable: "ConsentSignatures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsentWithdrawalItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WithdrawalId = table.Column<int>(type: "INTEGER", nullable: false),
                    AnswerId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentWithdrawalItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentWithdrawalItems_ConsentAnswers_AnswerId",
                        column: x => x.AnswerId,
                        principalTable: "ConsentAnswers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ConsentWithdrawalItems_ConsentWithdrawals_WithdrawalId",
                        column: x => x.WithdrawalId,
                        principalTable: "ConsentWithdrawals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentAnswers_SignatureId_TemplateItemId",
                table: "ConsentAnswers",
                columns: new[] { "SignatureId", "TemplateItemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsentInvitationEvents_InvitationId_AtUtc",
                table: "ConsentInvitationEvents",
                columns: new[] { "InvitationId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentInvitations_ChildId",
                table: "ConsentInvitations",
                column: "ChildId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentInvitations_PublicId",
                table: "ConsentInvitations",
                column: "PublicId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsentInvitations_RequestId",
                table: "ConsentInvitations",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentInvitations_StaffMemberId",
                table: "ConsentInvitations",
                column: "StaffMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentInvitations_Status_ExpiresAtUtc",
                table: "ConsentInvitations",
                columns: new[] { "Status", "ExpiresAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentRequests_ActivityId",
                table: "ConsentRequests",
                column: "ActivityId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentRequests_TemplateVersionId",
                table: "ConsentRequests",
                column: "TemplateVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentScans_SignatureId",
                table: "ConsentScans",
                column: "SignatureId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsentSignatures_ActivityId_ChildId",
                table: "ConsentSignatures",
                columns: new[] { "ActivityId", "ChildId" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentSignatures_ChildId",
                table: "ConsentSignatures",
                column: "ChildId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentSignatures_InvitationId",
                table: "ConsentSignatures",
                column: "InvitationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsentSignatures_Reference",
                table: "ConsentSignatures",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsentSignatures_StaffMemberId",
                table: "ConsentSignatures",
                column: "StaffMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentSignatures_TemplateVersionId",
                table: "ConsentSignatures",
                column: "TemplateVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentTemplate_Name",
                table: "ConsentTemplate",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsentTemplateItems_TemplateId",
                table: "ConsentTemplateItems",
                column: "TemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentTemplateVersionItems_VersionId_Position",
                table: "ConsentTemplateVersionItems",
                columns: new[] { "VersionId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsentTemplateVersions_TemplateId_Number",
                table: "ConsentTemplateVersions",
                columns: new[] { "TemplateId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsentTokens_Hash",
                table: "ConsentTokens",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsentTokens_InvitationId",
                table: "ConsentTokens",
                column: "InvitationId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentWithdrawalItems_AnswerId",
                table: "ConsentWithdrawalItems",
                column: "AnswerId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsentWithdrawalItems_WithdrawalId",
                table: "ConsentWithdrawalItems",
                column: "WithdrawalId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentWithdrawals_AcknowledgedAtUtc",
                table: "ConsentWithdrawals",
                column: "AcknowledgedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentWithdrawals_Reference",
                table: "ConsentWithdrawals",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsentWithdrawals_SignatureId",
                table: "ConsentWithdrawals",
                column: "SignatureId");

            migrationBuilder.CreateIndex(
                name: "IX_OutgoingEmails_Kind_RelatedId",
                table: "OutgoingEmails",
                columns: new[] { "Kind", "RelatedId" });

            migrationBuilder.CreateIndex(
                name: "IX_OutgoingEmails_Status_NextAttemptAtUtc",
                table: "OutgoingEmails",
                columns: new[] { "Status", "NextAttemptAtUtc" });

            // Records of what people were shown and what they answered are never changed or deleted.
            migrationBuilder.Sql("CREATE TRIGGER ConsentTemplateVersions_NoUpdate BEFORE UPDATE ON ConsentTemplateVersions BEGIN SELECT RAISE(ABORT, 'published consent template versions cannot be changed'); END;");
            migrationBuilder.Sql("CREATE TRIGGER ConsentTemplateVersions_NoDelete BEFORE DELETE ON ConsentTemplateVersions BEGIN SELECT RAISE(ABORT, 'published consent template versions cannot be deleted'); END;");
            migrationBuilder.Sql("CREATE TRIGGER ConsentTemplateVersionItems_NoUpdate BEFORE UPDATE ON ConsentTemplateVersionItems BEGIN SELECT RAISE(ABORT, 'published consent template items cannot be changed'); END;");
            migrationBuilder.Sql("CREATE TRIGGER ConsentTemplateVersionItems_NoDelete BEFORE DELETE ON ConsentTemplateVersionItems BEGIN SELECT RAISE(ABORT, 'published consent template items cannot be deleted'); END;");
            migrationBuilder.Sql("CREATE TRIGGER ConsentSignatures_NoUpdate BEFORE UPDATE ON ConsentSignatures BEGIN SELECT RAISE(ABORT, 'consent signatures cannot be changed'); END;");
            migrationBuilder.Sql("CREATE TRIGGER ConsentSignatures_NoDelete BEFORE DELETE ON ConsentSignatures BEGIN SELECT RAISE(ABORT, 'consent signatures cannot be deleted'); END;");
            migrationBuilder.Sql("CREATE TRIGGER ConsentAnswers_NoUpdate BEFORE UPDATE ON ConsentAnswers BEGIN SELECT RAISE(ABORT, 'consent answers cannot be changed'); END;");
            migrationBuilder.Sql("CREATE TRIGGER ConsentAnswers_NoDelete BEFORE DELETE ON ConsentAnswers BEGIN SELECT RAISE(ABORT, 'consent answers cannot be deleted'); END;");
            migrationBuilder.Sql("CREATE TRIGGER ConsentInvitationEvents_NoUpdate BEFORE UPDATE ON ConsentInvitationEvents BEGIN SELECT RAISE(ABORT, 'consent evidence events cannot be changed'); END;");
            migrationBuilder.Sql("CREATE TRIGGER ConsentInvitationEvents_NoDelete BEFORE DELETE ON ConsentInvitationEvents BEGIN SELECT RAISE(ABORT, 'consent evidence events cannot be deleted'); END;");
            migrationBuilder.Sql("CREATE TRIGGER ConsentWithdrawalItems_NoUpdate BEFORE UPDATE ON ConsentWithdrawalItems BEGIN SELECT RAISE(ABORT, 'withdrawn answers cannot be changed'); END;");
            migrationBuilder.Sql("CREATE TRIGGER ConsentWithdrawalItems_NoDelete BEFORE DELETE ON ConsentWithdrawalItems BEGIN SELECT RAISE(ABORT, 'withdrawn answers cannot be deleted'); END;");
            migrationBuilder.Sql("CREATE TRIGGER ConsentScans_NoUpdate BEFORE UPDATE ON ConsentScans BEGIN SELECT RAISE(ABORT, 'paper consent scans cannot be changed'); END;");
            migrationBuilder.Sql("CREATE TRIGGER ConsentScans_NoDelete BEFORE DELETE ON ConsentScans BEGIN SELECT RAISE(ABORT, 'paper consent scans cannot be deleted'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ConsentTemplateVersions_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ConsentTemplateVersions_NoDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ConsentTemplateVersionItems_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ConsentTemplateVersionItems_NoDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ConsentSignatures_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ConsentSignatures_NoDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ConsentAnswers_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ConsentAnswers_NoDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ConsentInvitationEvents_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ConsentInvitationEvents_NoDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ConsentWithdrawalItems_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ConsentWithdrawalItems_NoDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ConsentScans_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ConsentScans_NoDelete;");
            migrationBuilder.DropTable(
                name: "ConsentInvitationEvents");

            migrationBuilder.DropTable(
                name: "ConsentScans");

            migrationBuilder.DropTable(
                name: "ConsentTemplateItems");

            migrationBuilder.DropTable(
                name: "ConsentTemplateVersionItems");

            migrationBuilder.DropTable(
                name: "ConsentTokens");

            migrationBuilder.DropTable(
                name: "ConsentWithdrawalItems");

            migrationBuilder.DropTable(
                name: "OutgoingEmails");

            migrationBuilder.DropTable(
                name: "ConsentAnswers");

            migrationBuilder.DropTable(
                name: "ConsentWithdrawals");

            migrationBuilder.DropTable(
                name: "ConsentSignatures");

            migrationBuilder.DropTable(
                name: "ConsentInvitations");

            migrationBuilder.DropTable(
                name: "ConsentRequests");

            migrationBuilder.DropTable(
                name: "ConsentTemplateVersions");

            migrationBuilder.DropTable(
                name: "ConsentTemplate");
        }
    }
}
