export type LeaveType = 'hospital' | 'respite' | 'social_leave' | 'holiday' | 'transition_care' | 'other';

export type LeaveRecord = {
  id: string;
  clientId: string;
  type: LeaveType;
  startsOn: string;
  endsOn: string | null;
  note: string | null;
};
