/**
 * The "Settings" dialog: the organisation's settings for administrators (saved together),
 * and everyone's own settings (saved as they change).
 */
import type { SessionState } from '../../../shared/ipc/contract';
import { Modal } from './Modal';
import { MySettingsForm } from './MySettingsForm';
import { TenantSettingsForm } from './TenantSettingsForm';
import './settings.css';

export function SettingsDialog({ session, onClose }: { session: SessionState; onClose(): void }) {
  const role = session.role ?? 'AGENT';
  return (
    <Modal
      title="Settings"
      subtitle={session.tenant ? `Signed in to ${session.tenant}` : undefined}
      onClose={onClose}
      className="settings-dialog"
    >
      <div className="settings-columns">
        {role === 'ADMINISTRATOR' && <TenantSettingsForm enquiryMonitoring={session.enquiryMonitoring} />}
        <MySettingsForm role={role} />
      </div>
    </Modal>
  );
}
