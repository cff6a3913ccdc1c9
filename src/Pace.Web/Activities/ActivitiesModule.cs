namespace Pace.Web.Activities;

public static class ActivitiesModule
{
    /// <summary>The task reminder job, on its schedule unless <c>Tasks:Reminders:Enabled</c> is false.</summary>
    public static IServiceCollection AddTaskReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TaskReminderOptions>().BindConfiguration(TaskReminderOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TaskReminderJob>();
        if (configuration.GetValue(TaskReminderOptions.Section + ":Enabled", defaultValue: true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<TaskReminderJob>());
        }

        return services;
    }
}
