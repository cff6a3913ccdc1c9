using Microsoft.EntityFrameworkCore;
using Pace.Common;

namespace Pace.Data.Common;

/// <summary>Sets <c>created_at</c> and <c>updated_at</c> from the clock on every save.</summary>
public sealed class TimestampsInterceptor(TimeProvider clock) : BeforeSaveInterceptor
{
    protected override void BeforeSave(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var entry in context.ChangeTracker.Entries<Entity>())
        {
            if (entry.State == EntityState.Added)
            {
                entry.Entity.CreatedAt = entry.Entity.CreatedAt == default ? now : entry.Entity.CreatedAt;
                entry.Entity.UpdatedAt = entry.Entity.UpdatedAt == default ? now : entry.Entity.UpdatedAt;
            }
            else if (entry.State == EntityState.Modified)
            {
                entry.Entity.UpdatedAt = now;
            }
        }
    }
}
