import type { Temporal } from 'temporal-polyfill';
import { type Db, withSystem } from '../platform/db/database.js';
import { formatLocalDate, localeForCountry } from '../shared/organisation-formats.js';
import { insertOverdueTaskNotice, overdueTasksNotNoticed } from './notice.store.js';

/**
 * The background job's bell notices for overdue tasks: each task (a plan's service) assigned to a staff member
 * and still open once its due date has passed in its client's zone tells that person once, e.g. '"Care plan
 * review" for Grace Harris was due 28/11/2026 and is overdue.' Moving the due date and missing it again tells
 * them again. Runs in every organisation; running twice, or in two processes at once, tells them once (the
 * unique index of migration 0028). Returns how many notices it wrote.
 */
export async function noticeOverdueTasks(db: Db, now: Temporal.Instant): Promise<number> {
  return withSystem(db, async (tx) => {
    let written = 0;
    for (const task of await overdueTasksNotNoticed(tx, now.toString())) {
      const due = formatLocalDate(task.dueDate, localeForCountry(task.country));
      const message = `"${task.title}" for ${task.clientName} was due ${due} and is overdue.`;
      if (await insertOverdueTaskNotice(tx, { ...task, staffId: task.staffId as string, message })) written++;
    }
    return written;
  });
}
