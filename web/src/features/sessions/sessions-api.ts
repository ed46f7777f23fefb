import { api, request } from '../../api/api-client';
import type { components } from '../../api/openapi.gen';
import type { QueryParams, RequestBody } from '../../api/types';

type Schemas = components['schemas'];

export type Session = Schemas['Session'];
export type SessionSummary = Schemas['SessionSummary'];
export type SessionCreated = Schemas['SessionCreated'];
export type CompletionPreview = Schemas['SessionCompletionPreview'];
export type ChargeLine = Schemas['SessionChargeLine'];
export type SessionInput = RequestBody<'/api/v1/sessions', 'post'>;
export type SessionServiceInput = SessionInput['services'] extends (infer S)[] | undefined ? S : never;
export type SessionListQuery = QueryParams<'/api/v1/sessions', 'get'>;
export type AddClientInput = RequestBody<'/api/v1/sessions/{id}/clients', 'post'>;
export type AddWorkerInput = RequestBody<'/api/v1/sessions/{id}/workers', 'post'>;
export type CancelAttendanceInput = RequestBody<
  '/api/v1/sessions/{id}/clients/{participantId}/cancel',
  'post'
>;
export type CompletionInput = RequestBody<'/api/v1/sessions/{id}/complete', 'post'>;
export type SessionClient = Session['clients'][number];
export type SessionWorker = Session['workers'][number];
export type Resource = Schemas['Resource'];

const id = encodeURIComponent;
const at = (sessionId: string) => `/sessions/${id(sessionId)}`;

export const sessionsApi = {
  list: async (query: SessionListQuery, signal?: AbortSignal) =>
    (await api.get<{ items: SessionSummary[] }>('/sessions', { ...query }, signal)).items,
  get: (sessionId: string) => api.get<Session>(at(sessionId)),
  create: (input: SessionInput) => api.post<SessionCreated>('/sessions', input),
  addClient: (sessionId: string, input: AddClientInput) =>
    api.post<Session>(`${at(sessionId)}/clients`, input),
  addWorker: (sessionId: string, input: AddWorkerInput) =>
    api.post<Session>(`${at(sessionId)}/workers`, input),
  addResource: (sessionId: string, resourceId: string) =>
    api.post<Session>(`${at(sessionId)}/resources`, { resourceId }),
  resources: async () => (await api.get<{ items: Resource[] }>('/resources')).items,
  changeWorker: (sessionId: string, participantId: string, staffId: string) =>
    api.put<Session>(`${at(sessionId)}/workers/${id(participantId)}`, { staffId }),
  removeParticipant: (sessionId: string, participantId: string) =>
    request<Session>('DELETE', `${at(sessionId)}/participants/${id(participantId)}`),
  setServices: (sessionId: string, services: SessionServiceInput[]) =>
    api.put<Session>(`${at(sessionId)}/services`, { services }),
  cancel: (sessionId: string, reason: string) => api.post<Session>(`${at(sessionId)}/cancel`, { reason }),
  cancelAttendance: (sessionId: string, participantId: string, input: CancelAttendanceInput) =>
    api.post<Session>(`${at(sessionId)}/clients/${id(participantId)}/cancel`, input),
  remove: (sessionId: string) => request<void>('DELETE', at(sessionId)),
  reset: (sessionId: string) => api.post<Session>(`${at(sessionId)}/reset`),
  preview: (sessionId: string, input: CompletionInput) =>
    api.post<CompletionPreview>(`${at(sessionId)}/completion-preview`, input),
  complete: (sessionId: string, input: CompletionInput) =>
    api.post<Session>(`${at(sessionId)}/complete`, input),
};
