import type { FormErrors } from '@mantine/form';
import type { NamedAssignee, PlanInput, ServicePlan } from '../../api/types';
import { blankToNull } from '../../shared/format';
import { type ActivityItem, activityLabels, toActivityItems } from '../services/activities-editor';
import { decodeAssignee, encodeAssignee } from '../services/assignees';

export type StepDraft = {
  /** React key and selection handle; survives reordering. */
  key: string;
  /** The saved step's id, kept so the server keeps the step's identity across versions. */
  id?: string;
  title: string;
  delayDays: number | string;
  description: string;
  activities: ActivityItem[];
  defaultAssignee: string | null;
  /** The saved assignee's name, so it stays selectable even if the lists can't be loaded. */
  savedAssignee: NamedAssignee | null;
};

export type PlanDraft = {
  name: string;
  description: string;
  limitConcurrentDeployments: boolean;
  steps: StepDraft[];
};

let counter = 0;
const newStepKey = () => {
  counter += 1;
  return `step-${counter}`;
};

export function newStep(previous?: StepDraft): StepDraft {
  const lastDay = previous ? Number(previous.delayDays) || 0 : -1;
  return {
    key: newStepKey(),
    title: '',
    delayDays: previous ? lastDay + 1 : 0,
    description: '',
    activities: [],
    defaultAssignee: null,
    savedAssignee: null,
  };
}

export function toDraft(plan: ServicePlan | null): PlanDraft {
  if (!plan) {
    return { name: '', description: '', limitConcurrentDeployments: false, steps: [newStep()] };
  }
  return {
    name: plan.name,
    description: plan.description ?? '',
    limitConcurrentDeployments: plan.limitConcurrentDeployments,
    steps: plan.steps.map((step) => ({
      key: newStepKey(),
      id: step.id,
      title: step.title,
      delayDays: step.delayDays,
      description: step.description ?? '',
      activities: toActivityItems(step.activities),
      defaultAssignee: encodeAssignee(step.defaultAssignee),
      savedAssignee: step.defaultAssignee,
    })),
  };
}

export function toInput(draft: PlanDraft): PlanInput {
  return {
    name: draft.name.trim(),
    description: blankToNull(draft.description),
    limitConcurrentDeployments: draft.limitConcurrentDeployments,
    steps: draft.steps.map((step) => ({
      ...(step.id ? { id: step.id } : {}),
      title: step.title.trim(),
      delayDays: Number(step.delayDays),
      description: blankToNull(step.description),
      activities: activityLabels(step.activities),
      defaultAssignee: decodeAssignee(step.defaultAssignee),
    })),
  };
}

/** The same rules as the server, keyed by the server's paths (`steps.1.delayDays`). */
export function validateDraft(draft: PlanDraft): FormErrors {
  const errors: FormErrors = {};
  if (!draft.name.trim()) errors.name = 'Name is required';
  else if (draft.name.trim().length > 200) errors.name = 'Keep the name under 200 characters';
  if (draft.steps.length === 0) errors.steps = 'A plan needs at least one step';
  draft.steps.forEach((step, index) => {
    if (!step.title.trim()) errors[`steps.${index}.title`] = 'Title is required';
    const days = typeof step.delayDays === 'number' ? step.delayDays : Number(step.delayDays);
    if (step.delayDays === '' || !Number.isInteger(days)) {
      errors[`steps.${index}.delayDays`] = 'Enter whole days';
    } else if (days < 0) {
      errors[`steps.${index}.delayDays`] = 'Must be 0 or more';
    } else if (days > 3650) {
      errors[`steps.${index}.delayDays`] = 'At most 3650 days';
    }
  });
  return errors;
}

const PLAN_FIELDS = new Set(['name', 'description', 'limitConcurrentDeployments', 'steps']);
const STEP_FIELDS = new Set(['title', 'delayDays', 'description', 'activities', 'defaultAssignee']);

/**
 * Places a problem's `errors[].field` (e.g. `steps.1.delayDays`, `steps.0.defaultAssignee.id`,
 * `steps.2.activities.0`) on the editor's fields. Returns what has no field of its own.
 */
export function placePlanErrors(fieldErrors: { field: string; reason: string }[]): {
  errors: FormErrors;
  unplaced: string[];
} {
  const errors: FormErrors = {};
  const unplaced: string[] = [];
  for (const { field, reason } of fieldErrors) {
    const path = field.replace(/^body[./]/, '');
    const step = /^steps\.(\d+)\.([a-zA-Z]+)(?:\.(\d+))?/.exec(path);
    let target: string | null = null;
    if (step && STEP_FIELDS.has(step[2] ?? '')) {
      target =
        step[2] === 'activities' && step[3] !== undefined
          ? `steps.${step[1]}.activities.${step[3]}`
          : `steps.${step[1]}.${step[2]}`;
    } else if (PLAN_FIELDS.has(path)) {
      target = path;
    }
    const sentence = reason.charAt(0).toUpperCase() + reason.slice(1);
    if (target) errors[target] = errors[target] ? `${errors[target]}; ${sentence}` : sentence;
    else unplaced.push(field ? `${field}: ${reason}` : reason);
  }
  return { errors, unplaced };
}

/** The index of the first step with an error, if any. */
export function firstStepWithError(errors: FormErrors): number | null {
  const indexes = Object.keys(errors)
    .map((key) => /^steps\.(\d+)\./.exec(key)?.[1])
    .filter((index): index is string => index !== undefined)
    .map(Number);
  return indexes.length > 0 ? Math.min(...indexes) : null;
}

export const stepHasError = (errors: FormErrors, index: number) =>
  Object.keys(errors).some((key) => key.startsWith(`steps.${index}.`));

export function stepLabel(step: { delayDays: number | string; title: string }): string {
  const day = step.delayDays === '' ? '?' : String(step.delayDays);
  return `Day ${day} · ${step.title.trim() || 'Untitled step'}`;
}
