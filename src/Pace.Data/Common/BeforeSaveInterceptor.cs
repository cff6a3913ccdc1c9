using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pace.Data.Common;

/// <summary>Something to do to the tracked changes just before every save, synchronous or not.</summary>
public abstract class BeforeSaveInterceptor : SaveChangesInterceptor
{
    public sealed override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        BeforeSave(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public sealed override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        BeforeSave(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    protected abstract void BeforeSave(DbContext? context);
}
