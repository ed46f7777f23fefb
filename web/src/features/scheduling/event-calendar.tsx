import '@event-calendar/core/index.css';
import './event-calendar.css';
import { type Calendar, createCalendar, destroyCalendar } from '@event-calendar/core';
import { useEffect, useRef } from 'react';

type Props = {
  plugins: Calendar.Plugin[];
  /** Applied with setOption whenever a value changes (by reference); callbacks are always the latest. */
  options: Calendar.Options;
  label: string;
  testId?: string;
  /** Data is still arriving (aria-busy): the events on screen may yet be redrawn. */
  busy?: boolean;
  className?: string;
};

/**
 * EventCalendar marks its grid up as an ARIA table but puts the toolbar and the event buttons straight inside
 * it, which screen readers and axe reject (aria-required-children). Its structural roles are turned into
 * plain containers; the events stay buttons with their own names and the toolbar stays a nav.
 */
const STRUCTURAL_ROLES = [
  'table',
  'grid',
  'rowgroup',
  'row',
  'columnheader',
  'rowheader',
  'cell',
  'gridcell',
  'list',
  'listitem',
]
  .map((role) => `[role=${role}]`)
  .join(',');
const TABLE_ATTRIBUTES = [
  'aria-colindex',
  'aria-rowindex',
  'aria-colcount',
  'aria-rowcount',
  'aria-colspan',
  'aria-rowspan',
];

function flattenRoles(root: HTMLElement) {
  for (const element of root.querySelectorAll(STRUCTURAL_ROLES)) element.setAttribute('role', 'presentation');
  for (const name of TABLE_ATTRIBUTES)
    for (const element of root.querySelectorAll(`[${name}]`)) element.removeAttribute(name);
}

const CALLBACKS = [
  'datesSet',
  'eventClick',
  'eventDrop',
  'eventContent',
  'eventClassNames',
  'select',
] as const;

/**
 * EventCalendar (a Svelte component) inside React: created once in an effect and destroyed on unmount.
 * Its own time zone stays naive: events carry wall-clock strings already converted to the zone shown.
 */
export function EventCalendar({ plugins, options, label, testId, className, busy = false }: Props) {
  const host = useRef<HTMLElement>(null);
  const calendar = useRef<Calendar | null>(null);
  const latest = useRef(options);
  latest.current = options;
  const applied = useRef<Calendar.Options>({});

  // Callbacks are routed through `latest`, so the calendar never holds a stale closure.
  const stable = useRef<Calendar.Options | null>(null);
  if (!stable.current) {
    const routed: Record<string, unknown> = {};
    for (const name of CALLBACKS) {
      routed[name] = (...args: unknown[]) => {
        const fn = latest.current[name] as ((...a: unknown[]) => unknown) | undefined;
        return fn?.(...args);
      };
    }
    stable.current = routed as Calendar.Options;
  }

  useEffect(() => {
    if (!host.current) return;
    const initial: Record<string, unknown> = { ...latest.current };
    for (const name of CALLBACKS) if (name in initial) initial[name] = stable.current?.[name];
    const ec = createCalendar(host.current, plugins, initial as Calendar.Options);
    calendar.current = ec;
    applied.current = { ...latest.current };
    const root = host.current;
    flattenRoles(root);
    const observer = new MutationObserver(() => flattenRoles(root));
    observer.observe(root, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['role', ...TABLE_ATTRIBUTES],
    });
    return () => {
      observer.disconnect();
      calendar.current = null;
      void destroyCalendar(ec);
    };
  }, [plugins]);

  useEffect(() => {
    const ec = calendar.current;
    if (!ec) return;
    const set = ec.setOption as (name: string, value: unknown) => Calendar;
    for (const [name, value] of Object.entries(options)) {
      if ((CALLBACKS as readonly string[]).includes(name) || name === 'views') continue;
      if ((applied.current as Record<string, unknown>)[name] !== value) set(name, value);
    }
    applied.current = { ...options };
  });

  return (
    <section
      ref={host}
      className={`carebook-calendar ${className ?? ''}`}
      aria-label={label}
      aria-busy={busy}
      data-testid={testId}
    />
  );
}
