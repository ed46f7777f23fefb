import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { DeployPlanModal } from '../service-plans/deploy-plan-modal';
import { NewServiceModal } from './new-service-modal';

export type LaunchOptions = { planId?: string; clientId?: string; clientName?: string };

type Launcher = {
  openDeploy: (options?: LaunchOptions) => void;
  openNewService: (options?: LaunchOptions) => void;
};

const LauncherContext = createContext<Launcher | null>(null);

type Open = { kind: 'deploy' | 'service'; options: LaunchOptions; serial: number } | null;

/** Deploying a plan and creating a service start from several places; one pair of dialogs serves them all. */
export function ServiceLauncherProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<Open>(null);
  const openDeploy = useCallback(
    (options: LaunchOptions = {}) =>
      setOpen((current) => ({ kind: 'deploy', options, serial: (current?.serial ?? 0) + 1 })),
    [],
  );
  const openNewService = useCallback(
    (options: LaunchOptions = {}) =>
      setOpen((current) => ({ kind: 'service', options, serial: (current?.serial ?? 0) + 1 })),
    [],
  );
  const value = useMemo(() => ({ openDeploy, openNewService }), [openDeploy, openNewService]);
  const close = () => setOpen(null);
  return (
    <LauncherContext.Provider value={value}>
      {children}
      <DeployPlanModal
        opened={open?.kind === 'deploy'}
        options={open?.kind === 'deploy' ? open.options : {}}
        formKey={open?.serial ?? 0}
        onClose={close}
      />
      <NewServiceModal
        opened={open?.kind === 'service'}
        options={open?.kind === 'service' ? open.options : {}}
        formKey={open?.serial ?? 0}
        onClose={close}
      />
    </LauncherContext.Provider>
  );
}

export function useServiceLauncher(): Launcher {
  const value = useContext(LauncherContext);
  if (!value) throw new Error('useServiceLauncher must be used inside <ServiceLauncherProvider>');
  return value;
}
