package dev.avalon.core.internal;

import dev.avalon.core.feature.Feature;

import dev.avalon.core.calendar.CalendarFeature;
import dev.avalon.core.chatlog.ChatlogFeature;
import dev.avalon.core.finance.FinanceFeature;
import dev.avalon.core.insight.InsightFeature;
import dev.avalon.core.logbook.LogbookFeature;
import dev.avalon.core.notulen.NotulenFeature;
import dev.avalon.core.reminder.ReminderFeature;
import dev.avalon.core.automation.AutomationFeature;
import dev.avalon.core.command.CommandFeature;
import dev.avalon.core.workflow.WeekcloseFeature;

import java.util.List;

/** The engines every Avalon has unless the host opts out. */
final class DefaultFeatures {

    private DefaultFeatures() {
    }

    /** Every built-in feature, in registration order. */
    static List<Feature> all() {
        return List.of(new LogbookFeature(), new ReminderFeature(), new InsightFeature(), new CalendarFeature(),
                new FinanceFeature(), new NotulenFeature(), new ChatlogFeature(), new WeekcloseFeature(),
                new AutomationFeature(), new CommandFeature());
    }
}
