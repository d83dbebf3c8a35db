using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SafeguardingPortal.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IsDisabled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<long>(type: "bigint", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    OccurredAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    ActorKind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ActorKey = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ActorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    IpAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EntityType = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    EntityKey = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Changes = table.Column<string>(type: "text", nullable: false),
                    ContentDigest = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PreviousHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Children",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FirstName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LastName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PreferredName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DateOfBirth = table.Column<DateOnly>(type: "date", nullable: false),
                    Group = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CreatedAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Children", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConsentTemplate",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Audience = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Introduction = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ChildIntroduction = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    HasUnpublishedChanges = table.Column<bool>(type: "boolean", nullable: false),
                    LatestVersionNumber = table.Column<int>(type: "integer", nullable: false),
                    IsArchived = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentTemplate", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IssuedDocuments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Reference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    RelatedId = table.Column<int>(type: "integer", nullable: false),
                    FileName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Bytes = table.Column<byte[]>(type: "bytea", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    IssuedAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    Sealed = table.Column<bool>(type: "boolean", nullable: false),
                    SealThumbprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuedDocuments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JobLeases",
                columns: table => new
                {
                    JobName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Holder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ExpiresAtUtc = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobLeases", x => x.JobName);
                });

            migrationBuilder.CreateTable(
                name: "JobRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    JobName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    StartedAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    FinishedAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    Succeeded = table.Column<bool>(type: "boolean", nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    TriggeredBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OrganisationSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SafeguardingLeadName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SafeguardingLeadEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    SafeguardingLeadPhone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    UpdatedAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganisationSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutgoingEmails",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RelatedId = table.Column<int>(type: "integer", nullable: false),
                    ToAddress = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    ToName = table.Column<string>(type: "character varying(220)", maxLength: 220, nullable: false),
                    Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    CreatedAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    NextAttemptAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    LastAttemptAtUtc = table.Column<long>(type: "bigint", nullable: true),
                    SentAtUtc = table.Column<long>(type: "bigint", nullable: true),
                    ClaimedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ClaimedUntilUtc = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutgoingEmails", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ParentsCarers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FirstName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LastName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PreferredContact = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ParentsCarers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Platforms",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    MinimumAge = table.Column<int>(type: "integer", nullable: false),
                    Notes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Platforms", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RecordingPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Uses = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Storage = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RetentionDays = table.Column<int>(type: "integer", nullable: false),
                    DisposalMethod = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AccessRoles = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AccessMethod = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ResponsibleForMaking = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ResponsibleForStoring = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ResponsibleForDisposing = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CreatedAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    LastChangedAtUtc = table.Column<long>(type: "bigint", nullable: true),
                    ApprovedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ApprovedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ApprovedAtUtc = table.Column<long>(type: "bigint", nullable: true),
                    SupersededAtUtc = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordingPolicies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UserPreferences",
                columns: table => new
                {
                    UserKey = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Theme = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserPreferences", x => x.UserKey);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    RoleId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StaffMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FirstName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LastName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    WorkEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Type = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    RoleTitle = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: true),
                    CheckKind = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    CheckReference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CheckDate = table.Column<DateOnly>(type: "date", nullable: true),
                    CheckRenewalDue = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StaffMembers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ConsentTemplateItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TemplateId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Label = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Explanation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ChildExplanation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Required = table.Column<bool>(type: "boolean", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TemplateId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Audience = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Introduction = table.Column<string>(type: "text", nullable: false),
                    ChildIntroduction = table.Column<string>(type: "text", nullable: false),
                    ContentJson = table.Column<string>(type: "text", nullable: false),
                    ContentSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PublishedAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    PublishedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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
                name: "ChildGuardians",
                columns: table => new
                {
                    ChildId = table.Column<int>(type: "integer", nullable: false),
                    ParentCarerId = table.Column<int>(type: "integer", nullable: false),
                    Relationship = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    HasParentalResponsibility = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChildGuardians", x => new { x.ChildId, x.ParentCarerId });
                    table.ForeignKey(
                        name: "FK_ChildGuardians_Children_ChildId",
                        column: x => x.ChildId,
                        principalTable: "Children",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ChildGuardians_ParentsCarers_ParentCarerId",
                        column: x => x.ParentCarerId,
                        principalTable: "ParentsCarers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RecordingPolicyAuthors",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PolicyId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordingPolicyAuthors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecordingPolicyAuthors_RecordingPolicies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "RecordingPolicies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AccountDeclarations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StaffMemberId = table.Column<int>(type: "integer", nullable: false),
                    DeclaredOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountDeclarations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccountDeclarations_StaffMembers_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Activities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PlatformId = table.Column<int>(type: "integer", nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    WhyOnline = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Benefits = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Risks = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    MinimumAge = table.Column<int>(type: "integer", nullable: false),
                    MaximumAge = table.Column<int>(type: "integer", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    LeadStaffMemberId = table.Column<int>(type: "integer", nullable: false),
                    CreatedAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Activities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Activities_Platforms_PlatformId",
                        column: x => x.PlatformId,
                        principalTable: "Platforms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Activities_StaffMembers_LeadStaffMemberId",
                        column: x => x.LeadStaffMemberId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DeviceAuthorisations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Reference = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StaffMemberId = table.Column<int>(type: "integer", nullable: false),
                    DeviceKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DeviceDescription = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    WhyNoOrganisationalDevice = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CommunicatesWith = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    AppsAndAccounts = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RequestedFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    RequestedUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    RequestedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RequestedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestedAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    Decision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DecidedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    DecidedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DecidedAtUtc = table.Column<long>(type: "bigint", nullable: true),
                    Conditions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DeclineReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    ReviewOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RevokedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RevokedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RevokedAtUtc = table.Column<long>(type: "bigint", nullable: true),
                    RevocationReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ReviewedAtUtc = table.Column<long>(type: "bigint", nullable: true),
                    RenewalOfId = table.Column<int>(type: "integer", nullable: true),
                    ReviewReminderSentFor = table.Column<DateOnly>(type: "date", nullable: true),
                    ExpiryRecordedAtUtc = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeviceAuthorisations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeviceAuthorisations_DeviceAuthorisations_RenewalOfId",
                        column: x => x.RenewalOfId,
                        principalTable: "DeviceAuthorisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DeviceAuthorisations_StaffMembers_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RecordingPolicyAccessPeople",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PolicyId = table.Column<int>(type: "integer", nullable: false),
                    StaffMemberId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordingPolicyAccessPeople", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecordingPolicyAccessPeople_RecordingPolicies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "RecordingPolicies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RecordingPolicyAccessPeople_StaffMembers_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SocialAccounts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlatformId = table.Column<int>(type: "integer", nullable: false),
                    Handle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Groups = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ResponsibleStaffMemberId = table.Column<int>(type: "integer", nullable: false),
                    RecoveryEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    OwnedByOrganisation = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StatusReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ProposedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ProposedAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    LastEditedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    AuthorisedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    AuthorisedAtUtc = table.Column<long>(type: "bigint", nullable: true),
                    PrivacySettingsOn = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorOn = table.Column<bool>(type: "boolean", nullable: false),
                    RecoveryEmailIsOrganisational = table.Column<bool>(type: "boolean", nullable: false),
                    StrangerMessages = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    AgeJustification = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ReviewCycleMonths = table.Column<int>(type: "integer", nullable: false),
                    NextReviewDue = table.Column<DateOnly>(type: "date", nullable: true),
                    ReviewDueMarkedFor = table.Column<DateOnly>(type: "date", nullable: true),
                    LastReviewedAtUtc = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SocialAccounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SocialAccounts_Platforms_PlatformId",
                        column: x => x.PlatformId,
                        principalTable: "Platforms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SocialAccounts_StaffMembers_ResponsibleStaffMemberId",
                        column: x => x.ResponsibleStaffMemberId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsentTemplateVersionItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VersionId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Label = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Explanation = table.Column<string>(type: "text", nullable: false),
                    ChildExplanation = table.Column<string>(type: "text", nullable: false),
                    Required = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentTemplateVersionItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentTemplateVersionItems_ConsentTemplateVersions_Version~",
                        column: x => x.VersionId,
                        principalTable: "ConsentTemplateVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ActivitySessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ActivityId = table.Column<int>(type: "integer", nullable: false),
                    StartsAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    DurationMinutes = table.Column<int>(type: "integer", nullable: false),
                    HostStaffMemberId = table.Column<int>(type: "integer", nullable: false),
                    WillBeRecorded = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivitySessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActivitySessions_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActivitySessions_StaffMembers_HostStaffMemberId",
                        column: x => x.HostStaffMemberId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsentRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ActivityId = table.Column<int>(type: "integer", nullable: false),
                    TemplateVersionId = table.Column<int>(type: "integer", nullable: false),
                    Audience = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OrganisationName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ActivityTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ActivityDescription = table.Column<string>(type: "text", nullable: false),
                    WhyOnline = table.Column<string>(type: "text", nullable: false),
                    Benefits = table.Column<string>(type: "text", nullable: false),
                    Risks = table.Column<string>(type: "text", nullable: false),
                    PlatformName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ContactName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContactEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    ContactPhone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Helpline = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Declaration = table.Column<string>(type: "text", nullable: false),
                    ChildDeclaration = table.Column<string>(type: "text", nullable: false),
                    RecordingPolicyId = table.Column<int>(type: "integer", nullable: true),
                    RecordingPurpose = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecordingKeptFor = table.Column<string>(type: "character varying(4200)", maxLength: 4200, nullable: false),
                    RecordingSeenBy = table.Column<string>(type: "character varying(6000)", maxLength: 6000, nullable: false),
                    CreatedAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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
                    table.ForeignKey(
                        name: "FK_ConsentRequests_RecordingPolicies_RecordingPolicyId",
                        column: x => x.RecordingPolicyId,
                        principalTable: "RecordingPolicies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Enrolments",
                columns: table => new
                {
                    ActivityId = table.Column<int>(type: "integer", nullable: false),
                    ChildId = table.Column<int>(type: "integer", nullable: false),
                    EnrolledAtUtc = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Enrolments", x => new { x.ActivityId, x.ChildId });
                    table.ForeignKey(
                        name: "FK_Enrolments_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Enrolments_Children_ChildId",
                        column: x => x.ChildId,
                        principalTable: "Children",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DeviceViewers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DeviceAuthorisationId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    HowTheySee = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeviceViewers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeviceViewers_DeviceAuthorisations_DeviceAuthorisationId",
                        column: x => x.DeviceAuthorisationId,
                        principalTable: "DeviceAuthorisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SocialAccountAccess",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SocialAccountId = table.Column<int>(type: "integer", nullable: false),
                    StaffMemberId = table.Column<int>(type: "integer", nullable: false),
                    GrantedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RemovedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    GrantedWithoutCurrentCheck = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SocialAccountAccess", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SocialAccountAccess_SocialAccounts_SocialAccountId",
                        column: x => x.SocialAccountId,
                        principalTable: "SocialAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SocialAccountAccess_StaffMembers_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SocialAccountActivities",
                columns: table => new
                {
                    SocialAccountId = table.Column<int>(type: "integer", nullable: false),
                    ActivityId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SocialAccountActivities", x => new { x.SocialAccountId, x.ActivityId });
                    table.ForeignKey(
                        name: "FK_SocialAccountActivities_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SocialAccountActivities_SocialAccounts_SocialAccountId",
                        column: x => x.SocialAccountId,
                        principalTable: "SocialAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FamilyRecordingAgreements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Reference = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ActivitySessionId = table.Column<int>(type: "integer", nullable: false),
                    ChildId = table.Column<int>(type: "integer", nullable: false),
                    ParentCarerId = table.Column<int>(type: "integer", nullable: true),
                    AgreedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UsedFor = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    KeepUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    NotShared = table.Column<bool>(type: "boolean", nullable: false),
                    AgreedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RecordedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAtUtc = table.Column<long>(type: "bigint", nullable: false)
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
                name: "Recordings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Reference = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ActivitySessionId = table.Column<int>(type: "integer", nullable: false),
                    PolicyId = table.Column<int>(type: "integer", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    StorageReference = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    MadeByStaffMemberId = table.Column<int>(type: "integer", nullable: false),
                    RegisteredByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RegisteredByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RegisteredAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    DeleteBy = table.Column<DateOnly>(type: "date", nullable: false),
                    ParticipantCount = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DisposedAtUtc = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Recordings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Recordings_ActivitySessions_ActivitySessionId",
                        column: x => x.ActivitySessionId,
                        principalTable: "ActivitySessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Recordings_RecordingPolicies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "RecordingPolicies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Recordings_StaffMembers_MadeByStaffMemberId",
                        column: x => x.MadeByStaffMemberId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SessionComfortChecks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ActivitySessionId = table.Column<int>(type: "integer", nullable: false),
                    CheckedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CheckedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CheckedAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionComfortChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionComfortChecks_ActivitySessions_ActivitySessionId",
                        column: x => x.ActivitySessionId,
                        principalTable: "ActivitySessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsentInvitations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PublicId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RequestId = table.Column<int>(type: "integer", nullable: false),
                    SignerKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ChildId = table.Column<int>(type: "integer", nullable: true),
                    ParentCarerId = table.Column<int>(type: "integer", nullable: true),
                    StaffMemberId = table.Column<int>(type: "integer", nullable: true),
                    SubjectName = table.Column<string>(type: "character varying(220)", maxLength: 220, nullable: false),
                    RecipientName = table.Column<string>(type: "character varying(220)", maxLength: 220, nullable: false),
                    RecipientEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Relationship = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    ExpiresAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    FirstSentAtUtc = table.Column<long>(type: "bigint", nullable: true),
                    OpenedAtUtc = table.Column<long>(type: "bigint", nullable: true),
                    SignedAtUtc = table.Column<long>(type: "bigint", nullable: true),
                    ExpiredAtUtc = table.Column<long>(type: "bigint", nullable: true),
                    RevokedAtUtc = table.Column<long>(type: "bigint", nullable: true),
                    RevokedReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RemindersSent = table.Column<int>(type: "integer", nullable: false),
                    PresentedSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
                name: "DisposalTasks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecordingId = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    WithdrawalReference = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RaisedAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    DueBy = table.Column<DateOnly>(type: "date", nullable: false),
                    CompletedAtUtc = table.Column<long>(type: "bigint", nullable: true),
                    CompletedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CompletedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Method = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Confirmation = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisposalTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisposalTasks_Recordings_RecordingId",
                        column: x => x.RecordingId,
                        principalTable: "Recordings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RecordingAccesses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecordingId = table.Column<int>(type: "integer", nullable: false),
                    AccessedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    AccessedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AccessedAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
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

            migrationBuilder.CreateTable(
                name: "RecordingParticipants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecordingId = table.Column<int>(type: "integer", nullable: false),
                    ChildId = table.Column<int>(type: "integer", nullable: true),
                    StaffMemberId = table.Column<int>(type: "integer", nullable: true),
                    Excluded = table.Column<bool>(type: "boolean", nullable: false),
                    ExclusionNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordingParticipants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecordingParticipants_Children_ChildId",
                        column: x => x.ChildId,
                        principalTable: "Children",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RecordingParticipants_Recordings_RecordingId",
                        column: x => x.RecordingId,
                        principalTable: "Recordings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RecordingParticipants_StaffMembers_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "StaffMembers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsentInvitationEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InvitationId = table.Column<int>(type: "integer", nullable: false),
                    AtUtc = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    IpAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserAgent = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    InvitationId = table.Column<int>(type: "integer", nullable: true),
                    ActivityId = table.Column<int>(type: "integer", nullable: false),
                    TemplateVersionId = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SignerKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ChildId = table.Column<int>(type: "integer", nullable: true),
                    ParentCarerId = table.Column<int>(type: "integer", nullable: true),
                    StaffMemberId = table.Column<int>(type: "integer", nullable: true),
                    SubjectName = table.Column<string>(type: "character varying(220)", maxLength: 220, nullable: false),
                    SignerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Relationship = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    SignerEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    SignatureImage = table.Column<byte[]>(type: "bytea", nullable: true),
                    SignedAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    IpAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserAgent = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    PresentedSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AnswersSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    InvitationId = table.Column<int>(type: "integer", nullable: false),
                    SignatureId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    InvalidatedAtUtc = table.Column<long>(type: "bigint", nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SignatureId = table.Column<int>(type: "integer", nullable: false),
                    TemplateItemId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Label = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Given = table.Column<bool>(type: "boolean", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SignatureId = table.Column<int>(type: "integer", nullable: false),
                    StoredName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SignatureId = table.Column<int>(type: "integer", nullable: false),
                    Method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    WithdrawnByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    WithdrawnAtUtc = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    IpAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserAgent = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Items = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    AcknowledgedAtUtc = table.Column<long>(type: "bigint", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AcknowledgementNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WithdrawalId = table.Column<int>(type: "integer", nullable: false),
                    AnswerId = table.Column<int>(type: "integer", nullable: false)
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
                name: "IX_AccountDeclarations_StaffMemberId_DeclaredOn",
                table: "AccountDeclarations",
                columns: new[] { "StaffMemberId", "DeclaredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_LeadStaffMemberId",
                table: "Activities",
                column: "LeadStaffMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_PlatformId",
                table: "Activities",
                column: "PlatformId");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_Title",
                table: "Activities",
                column: "Title");

            migrationBuilder.CreateIndex(
                name: "IX_ActivitySessions_ActivityId_StartsAtUtc",
                table: "ActivitySessions",
                columns: new[] { "ActivityId", "StartsAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivitySessions_HostStaffMemberId",
                table: "ActivitySessions",
                column: "HostStaffMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Action_Sequence",
                table: "AuditEvents",
                columns: new[] { "Action", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_ActorKey_Sequence",
                table: "AuditEvents",
                columns: new[] { "ActorKey", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_EntityType_EntityKey_Sequence",
                table: "AuditEvents",
                columns: new[] { "EntityType", "EntityKey", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_OccurredAtUtc",
                table: "AuditEvents",
                column: "OccurredAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Sequence",
                table: "AuditEvents",
                column: "Sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ChildGuardians_ParentCarerId",
                table: "ChildGuardians",
                column: "ParentCarerId");

            migrationBuilder.CreateIndex(
                name: "IX_Children_DateOfBirth",
                table: "Children",
                column: "DateOfBirth");

            migrationBuilder.CreateIndex(
                name: "IX_Children_Group",
                table: "Children",
                column: "Group");

            migrationBuilder.CreateIndex(
                name: "IX_Children_LastName_FirstName",
                table: "Children",
                columns: new[] { "LastName", "FirstName" });

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
                name: "IX_ConsentRequests_RecordingPolicyId",
                table: "ConsentRequests",
                column: "RecordingPolicyId");

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
                name: "IX_DeviceAuthorisations_Decision_ValidUntil",
                table: "DeviceAuthorisations",
                columns: new[] { "Decision", "ValidUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_DeviceAuthorisations_Reference",
                table: "DeviceAuthorisations",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeviceAuthorisations_RenewalOfId",
                table: "DeviceAuthorisations",
                column: "RenewalOfId");

            migrationBuilder.CreateIndex(
                name: "IX_DeviceAuthorisations_RequestedByUserId",
                table: "DeviceAuthorisations",
                column: "RequestedByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_DeviceAuthorisations_StaffMemberId",
                table: "DeviceAuthorisations",
                column: "StaffMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_DeviceViewers_DeviceAuthorisationId",
                table: "DeviceViewers",
                column: "DeviceAuthorisationId");

            migrationBuilder.CreateIndex(
                name: "IX_DisposalTasks_CompletedAtUtc_DueBy",
                table: "DisposalTasks",
                columns: new[] { "CompletedAtUtc", "DueBy" });

            migrationBuilder.CreateIndex(
                name: "IX_DisposalTasks_RecordingId",
                table: "DisposalTasks",
                column: "RecordingId",
                unique: true,
                filter: "\"CompletedAtUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_ChildId",
                table: "Enrolments",
                column: "ChildId");

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

            migrationBuilder.CreateIndex(
                name: "IX_JobRuns_JobName_StartedAtUtc",
                table: "JobRuns",
                columns: new[] { "JobName", "StartedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_OutgoingEmails_Kind_RelatedId",
                table: "OutgoingEmails",
                columns: new[] { "Kind", "RelatedId" });

            migrationBuilder.CreateIndex(
                name: "IX_OutgoingEmails_Status_NextAttemptAtUtc",
                table: "OutgoingEmails",
                columns: new[] { "Status", "NextAttemptAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ParentsCarers_Email",
                table: "ParentsCarers",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_ParentsCarers_LastName_FirstName",
                table: "ParentsCarers",
                columns: new[] { "LastName", "FirstName" });

            migrationBuilder.CreateIndex(
                name: "IX_Platforms_Name",
                table: "Platforms",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RecordingAccesses_RecordingId_AccessedAtUtc",
                table: "RecordingAccesses",
                columns: new[] { "RecordingId", "AccessedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_RecordingParticipants_ChildId",
                table: "RecordingParticipants",
                column: "ChildId");

            migrationBuilder.CreateIndex(
                name: "IX_RecordingParticipants_RecordingId",
                table: "RecordingParticipants",
                column: "RecordingId");

            migrationBuilder.CreateIndex(
                name: "IX_RecordingParticipants_StaffMemberId",
                table: "RecordingParticipants",
                column: "StaffMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_RecordingPolicies_Number",
                table: "RecordingPolicies",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RecordingPolicies_Status",
                table: "RecordingPolicies",
                column: "Status",
                unique: true,
                filter: "\"Status\" IN ('Active', 'Draft')");

            migrationBuilder.CreateIndex(
                name: "IX_RecordingPolicyAccessPeople_PolicyId_StaffMemberId",
                table: "RecordingPolicyAccessPeople",
                columns: new[] { "PolicyId", "StaffMemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RecordingPolicyAccessPeople_StaffMemberId",
                table: "RecordingPolicyAccessPeople",
                column: "StaffMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_RecordingPolicyAuthors_PolicyId_UserId",
                table: "RecordingPolicyAuthors",
                columns: new[] { "PolicyId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Recordings_ActivitySessionId",
                table: "Recordings",
                column: "ActivitySessionId");

            migrationBuilder.CreateIndex(
                name: "IX_Recordings_MadeByStaffMemberId",
                table: "Recordings",
                column: "MadeByStaffMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Recordings_PolicyId",
                table: "Recordings",
                column: "PolicyId");

            migrationBuilder.CreateIndex(
                name: "IX_Recordings_Reference",
                table: "Recordings",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Recordings_Status_DeleteBy",
                table: "Recordings",
                columns: new[] { "Status", "DeleteBy" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionComfortChecks_ActivitySessionId",
                table: "SessionComfortChecks",
                column: "ActivitySessionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SocialAccountAccess_SocialAccountId",
                table: "SocialAccountAccess",
                column: "SocialAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_SocialAccountAccess_StaffMemberId_RemovedOn",
                table: "SocialAccountAccess",
                columns: new[] { "StaffMemberId", "RemovedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SocialAccountActivities_ActivityId",
                table: "SocialAccountActivities",
                column: "ActivityId");

            migrationBuilder.CreateIndex(
                name: "IX_SocialAccounts_PlatformId",
                table: "SocialAccounts",
                column: "PlatformId");

            migrationBuilder.CreateIndex(
                name: "IX_SocialAccounts_ResponsibleStaffMemberId",
                table: "SocialAccounts",
                column: "ResponsibleStaffMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_SocialAccounts_Status_NextReviewDue",
                table: "SocialAccounts",
                columns: new[] { "Status", "NextReviewDue" });

            migrationBuilder.CreateIndex(
                name: "IX_StaffMembers_LastName_FirstName",
                table: "StaffMembers",
                columns: new[] { "LastName", "FirstName" });

            migrationBuilder.CreateIndex(
                name: "IX_StaffMembers_UserId",
                table: "StaffMembers",
                column: "UserId",
                unique: true);

            // Evidence is append-only, as the SQLite set's triggers make it.
            PostgresAppendOnly.CreateRefusalFunction(migrationBuilder);
            PostgresAppendOnly.Protect(migrationBuilder, "AuditEvents", "audit events cannot be changed", "audit events cannot be deleted");
            PostgresAppendOnly.Protect(migrationBuilder, "ConsentTemplateVersions", "published consent template versions cannot be changed", "published consent template versions cannot be deleted");
            PostgresAppendOnly.Protect(migrationBuilder, "ConsentTemplateVersionItems", "published consent template items cannot be changed", "published consent template items cannot be deleted");
            PostgresAppendOnly.Protect(migrationBuilder, "ConsentSignatures", "consent signatures cannot be changed", "consent signatures cannot be deleted");
            PostgresAppendOnly.Protect(migrationBuilder, "ConsentAnswers", "consent answers cannot be changed", "consent answers cannot be deleted");
            PostgresAppendOnly.Protect(migrationBuilder, "ConsentInvitationEvents", "consent evidence events cannot be changed", "consent evidence events cannot be deleted");
            PostgresAppendOnly.Protect(migrationBuilder, "ConsentWithdrawalItems", "withdrawn answers cannot be changed", "withdrawn answers cannot be deleted");
            PostgresAppendOnly.Protect(migrationBuilder, "ConsentScans", "paper consent scans cannot be changed", "paper consent scans cannot be deleted");
            PostgresAppendOnly.Protect(migrationBuilder, "IssuedDocuments", "issued documents cannot be changed", "issued documents cannot be deleted");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountDeclarations");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditEvents");

            migrationBuilder.DropTable(
                name: "ChildGuardians");

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
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "DeviceViewers");

            migrationBuilder.DropTable(
                name: "DisposalTasks");

            migrationBuilder.DropTable(
                name: "Enrolments");

            migrationBuilder.DropTable(
                name: "FamilyRecordingAgreements");

            migrationBuilder.DropTable(
                name: "IssuedDocuments");

            migrationBuilder.DropTable(
                name: "JobLeases");

            migrationBuilder.DropTable(
                name: "JobRuns");

            migrationBuilder.DropTable(
                name: "OrganisationSettings");

            migrationBuilder.DropTable(
                name: "OutgoingEmails");

            migrationBuilder.DropTable(
                name: "RecordingAccesses");

            migrationBuilder.DropTable(
                name: "RecordingParticipants");

            migrationBuilder.DropTable(
                name: "RecordingPolicyAccessPeople");

            migrationBuilder.DropTable(
                name: "RecordingPolicyAuthors");

            migrationBuilder.DropTable(
                name: "SessionComfortChecks");

            migrationBuilder.DropTable(
                name: "SocialAccountAccess");

            migrationBuilder.DropTable(
                name: "SocialAccountActivities");

            migrationBuilder.DropTable(
                name: "UserPreferences");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "ConsentAnswers");

            migrationBuilder.DropTable(
                name: "ConsentWithdrawals");

            migrationBuilder.DropTable(
                name: "DeviceAuthorisations");

            migrationBuilder.DropTable(
                name: "ParentsCarers");

            migrationBuilder.DropTable(
                name: "Children");

            migrationBuilder.DropTable(
                name: "Recordings");

            migrationBuilder.DropTable(
                name: "SocialAccounts");

            migrationBuilder.DropTable(
                name: "ConsentSignatures");

            migrationBuilder.DropTable(
                name: "ActivitySessions");

            migrationBuilder.DropTable(
                name: "ConsentInvitations");

            migrationBuilder.DropTable(
                name: "ConsentRequests");

            migrationBuilder.DropTable(
                name: "Activities");

            migrationBuilder.DropTable(
                name: "ConsentTemplateVersions");

            migrationBuilder.DropTable(
                name: "RecordingPolicies");

            migrationBuilder.DropTable(
                name: "Platforms");

            migrationBuilder.DropTable(
                name: "StaffMembers");

            migrationBuilder.DropTable(
                name: "ConsentTemplate");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS portal_refuse_change();");
        }
    }
}
