import { ChevronRight } from 'lucide-react';
import type { LocationView } from '../../../contract/ipc.js';
import { locationKey } from './location-input.js';
import { LocationSummary } from './location-summary.js';

interface Props {
  /** Names the list for screen readers; the caller shows the visible heading. */
  labelledBy: string;
  locations: readonly LocationView[];
  onPick: (location: LocationView) => void;
  disabled?: boolean;
}

/** Vaults used on this device, one click each. */
export function RecentVaults({ labelledBy, locations, onPick, disabled }: Props) {
  return (
    <ul className="recent-vaults" aria-labelledby={labelledBy}>
      {locations.map((location) => (
        <li key={locationKey(location)}>
          <button type="button" className="recent-vault" disabled={disabled} onClick={() => onPick(location)}>
            <LocationSummary location={location} />
            <ChevronRight size={16} aria-hidden className="recent-vault-chevron" />
          </button>
        </li>
      ))}
    </ul>
  );
}
