import { ExclamationCircleFilled, WarningFilled } from '@ant-design/icons';
import type {
  DateSelectArg,
  EventChangeArg,
  EventClickArg,
  EventContentArg,
  EventInput,
  LocaleInput,
} from '@fullcalendar/core';
import zhCnLocale from '@fullcalendar/core/locales/zh-cn';
import zhTwLocale from '@fullcalendar/core/locales/zh-tw';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin from '@fullcalendar/interaction';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import type { ClassView, SessionView } from '@ganxun/domain';
import dayjs from 'dayjs';
import { forwardRef, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarSetup, type Severity, timeRange, toCalendarDate, typeColor } from './logic';

const LOCALES: Record<string, LocaleInput | undefined> = { 'zh-CN': zhCnLocale, 'zh-TW': zhTwLocale };

function EventBody({ arg, severity }: { arg: EventContentArg; severity?: Severity }) {
  const { t } = useTranslation();
  const s = arg.event.extendedProps.session as SessionView | undefined;
  // The selection mirror (a range being picked) has no item behind it.
  if (!s) return <div className="gx-tt-event gx-tt-event-time">{arg.timeText}</div>;
  const where = s.venue?.name ?? s.location;
  const people = s.lecturers.map((l) => l.name).join('、');
  const minutes = (Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 60_000;
  const icon =
    severity === 'error' ? (
      <ExclamationCircleFilled className="gx-tt-icon-error" />
    ) : severity === 'warning' ? (
      <WarningFilled className="gx-tt-icon-warning" />
    ) : null;
  if (minutes < 50) {
    // Short items: one line, time then title.
    return (
      <div
        className="gx-tt-event gx-tt-event-compact"
        title={[s.title, people, where].filter(Boolean).join('\n')}
      >
        <span className="gx-tt-event-time">
          {icon}
          {timeRange(s.startsAt, s.endsAt)}
        </span>
        <span className="gx-tt-event-title">{s.title}</span>
      </div>
    );
  }
  return (
    <div className="gx-tt-event" title={[s.title, people, where].filter(Boolean).join('\n')}>
      <div className="gx-tt-event-time">
        {icon}
        {timeRange(s.startsAt, s.endsAt)}
        {s.groupIds ? <span className="gx-tt-event-groups"> · {s.groupNames.join('、')}</span> : null}
      </div>
      <div className="gx-tt-event-title">{s.title}</div>
      {people ? <div className="gx-tt-event-meta">{people}</div> : null}
      {where ? <div className="gx-tt-event-meta">{where}</div> : null}
      {!s.attendanceRequired ? <div className="gx-tt-event-meta">{t('timetable.optional')}</div> : null}
    </div>
  );
}

export interface CalendarHandlers {
  onSelect: (startsAt: Date, endsAt: Date) => void;
  onOpen: (session: SessionView) => void;
  /** A drag or resize; call `revert` when the server refuses it. */
  onMove: (session: SessionView, startsAt: Date, endsAt: Date, revert: () => void) => void;
}

/**
 * The class's week/day time grid (FullCalendar 6) in China time: the calendar runs in UTC and is
 * fed instants shifted by +8 h (see logic.ts), so its wall clock is China's in any browser zone.
 */
export const TimetableCalendar = forwardRef<
  FullCalendar,
  {
    cls: ClassView;
    items: SessionView[];
    severity: Map<string, Severity>;
    editable: boolean;
  } & CalendarHandlers
>(function TimetableCalendar({ cls, items, severity, editable, onSelect, onOpen, onMove }, ref) {
  const { t, i18n } = useTranslation();
  const setup = calendarSetup(cls.startDate, cls.endDate, dayjs().format('YYYY-MM-DD'));
  const ranged = setup.initialView === 'classRange';
  const firstDay = cls.startDate ? new Date(`${cls.startDate}T00:00:00Z`).getUTCDay() : 1;

  const events = useMemo<EventInput[]>(
    () =>
      items.map((s) => {
        const sev = severity.get(s.id);
        const color = typeColor(s.type);
        return {
          id: s.id,
          start: toCalendarDate(s.startsAt),
          end: toCalendarDate(s.endsAt),
          title: s.title,
          backgroundColor: `${color}1f`,
          borderColor: color,
          textColor: '#1f1f1f',
          classNames: ['gx-tt-fc-event', sev ? `gx-tt-${sev}` : ''].filter(Boolean),
          extendedProps: { session: s },
        };
      }),
    [items, severity],
  );

  const select = (arg: DateSelectArg) => {
    onSelect(arg.start, arg.end);
    arg.view.calendar.unselect();
  };
  const click = (arg: EventClickArg) => onOpen(arg.event.extendedProps.session as SessionView);
  const change = (arg: EventChangeArg) => {
    const { start, end } = arg.event;
    if (!start || !end) return arg.revert();
    onMove(arg.event.extendedProps.session as SessionView, start, end, arg.revert);
  };

  return (
    <div data-testid="timetable-calendar" className="gx-tt-calendar">
      <FullCalendar
        ref={ref}
        plugins={[timeGridPlugin, dayGridPlugin, interactionPlugin]}
        timeZone="UTC"
        locale={LOCALES[i18n.language] ?? 'en'}
        initialView={setup.initialView}
        initialDate={setup.initialDate}
        firstDay={firstDay}
        views={{
          classRange: {
            type: 'timeGrid',
            duration: { days: ranged ? setup.days : 7 },
            buttonText: t('timetable.views.classRange'),
          },
        }}
        headerToolbar={{
          left: 'prev,next',
          center: 'title',
          right: ranged ? 'classRange,timeGridDay' : 'timeGridWeek,timeGridDay',
        }}
        buttonText={{ week: t('timetable.views.week'), day: t('timetable.views.day') }}
        slotMinTime="07:00:00"
        slotMaxTime="22:00:00"
        slotDuration="00:30:00"
        slotLabelFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
        snapDuration="00:15:00"
        scrollTime="08:00:00"
        allDaySlot={false}
        nowIndicator={false}
        height="auto"
        expandRows
        slotEventOverlap={false}
        eventMinHeight={24}
        selectable={editable}
        selectMirror
        editable={editable}
        eventDurationEditable={editable}
        events={events}
        eventContent={(arg) => <EventBody arg={arg} severity={severity.get(arg.event.id)} />}
        eventDidMount={(arg) => {
          arg.el.setAttribute('data-session-id', arg.event.id);
        }}
        select={select}
        eventClick={click}
        eventDrop={change}
        eventResize={change}
      />
    </div>
  );
});
