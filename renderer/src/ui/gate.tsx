import { ShieldCheck } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './gate.css';

/** The calm page around what comes before the vault is open: the app's name and one card. */
export function Gate({ children, labelledBy, className = '' }: { children: ReactNode; labelledBy: string; className?: string }) {
  const { t } = useTranslation();
  return (
    <main className="gate">
      <div className="gate-brand">
        <span className="gate-logo">
          <ShieldCheck size={18} aria-hidden />
        </span>
        {t('app.name')}
      </div>
      <section className={`gate-card card ${className}`} aria-labelledby={labelledBy}>
        {children}
      </section>
    </main>
  );
}
