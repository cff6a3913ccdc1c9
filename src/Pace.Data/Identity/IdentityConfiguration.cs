using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pace.Data.Common;
using Pace.Identity;

namespace Pace.Data.Identity;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.IsEntity("users");
        builder.Property(u => u.Email).HasMaxLength(320);
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.Phone).HasMaxLength(16);
        builder.Property(u => u.BrokerRegistrationNumber).HasMaxLength(32);
        builder.Property(u => u.GoogleSubject).HasMaxLength(255);
        builder.HasIndex(u => u.Email).IsUnique();
        builder.HasIndex(u => u.GoogleSubject).IsUnique().HasFilter("google_subject IS NOT NULL");
        builder.HasIndex(u => u.TeamId);
        // The admin's staff list: by name, keyset by id.
        builder.HasIndex(u => new { u.DisplayName, u.Id });
        builder.HasOne(u => u.Team).WithMany().HasForeignKey(u => u.TeamId).OnDelete(DeleteBehavior.SetNull);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_users_email_lower", "email = lower(email)");
            t.HasCheckConstraint("ck_users_phone_e164", "phone ~ '^\\+[1-9][0-9]{7,14}$'");
        });
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.IsEntity("teams");
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.HasIndex(t => t.Name).IsUnique();
        builder.HasIndex(t => t.ManagerId).IsUnique(false);
        builder.HasOne(t => t.Manager).WithMany().HasForeignKey(t => t.ManagerId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.IsEntity("user_sessions");
        builder.Property(s => s.IpAddress).HasMaxLength(45);
        builder.Property(s => s.UserAgent).HasMaxLength(500);
        // "Sign out everywhere" and deactivation revoke a user's live sessions.
        builder.HasIndex(s => s.UserId).HasFilter("revoked_at IS NULL").HasDatabaseName("ix_user_sessions_live");
        builder.HasIndex(s => s.ExpiresAt);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MachineClientConfiguration : IEntityTypeConfiguration<MachineClient>
{
    public void Configure(EntityTypeBuilder<MachineClient> builder)
    {
        builder.IsEntity("machine_clients");
        builder.Property(c => c.ClientId).HasMaxLength(100);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.SecretHash).HasMaxLength(200);
        builder.HasIndex(c => c.ClientId).IsUnique();
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.CreatedById).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class PersonalTokenConfiguration : IEntityTypeConfiguration<PersonalToken>
{
    public void Configure(EntityTypeBuilder<PersonalToken> builder)
    {
        builder.IsEntity("personal_tokens");
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Prefix).HasMaxLength(16);
        builder.Property(t => t.TokenHash).HasMaxLength(200);
        builder.HasIndex(t => t.Prefix).IsUnique();
        builder.HasIndex(t => t.UserId);
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> builder)
    {
        builder.ToTable("signing_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(64);
        builder.Property(k => k.Algorithm).HasMaxLength(16);
        builder.Property(k => k.PublicJwk).HasColumnType("jsonb");
        builder.HasIndex(k => k.ExpiresAt);
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.ToTable("data_protection_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).UseIdentityAlwaysColumn();
        builder.Property(k => k.FriendlyName).HasMaxLength(100);
    }
}
