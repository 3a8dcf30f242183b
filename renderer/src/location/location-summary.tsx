import { Cloud, HardDrive } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { LocationInput, LocationView } from '../../../contract/ipc.js';
import './location.css';

/** A location's place as one line, for a title or a tooltip: the path, or bucket/prefix. */
export function locationPlace(location: LocationView | LocationInput): string {
  if (location.kind === 'folder') return location.path;
  const prefix = location.prefix.replace(/^\/+|\/+$/g, '');
  return prefix ? `${location.bucket}/${prefix}` : location.bucket;
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

/** Where a vault lives, said plainly: the folder's path on this computer, or bucket/prefix at its endpoint. */
export function LocationSummary({ location }: { location: LocationView | LocationInput }) {
  const { t } = useTranslation();
  const where =
    location.kind === 'folder'
      ? t('location.thisComputer')
      : location.endpoint
        ? t('location.at', { host: hostOf(location.endpoint) })
        : location.region
          ? t('location.awsRegion', { region: location.region })
          : t('location.aws');
  const Icon = location.kind === 'folder' ? HardDrive : Cloud;
  return (
    <span className="location-summary">
      <span className="location-icon">
        <Icon size={18} aria-hidden />
      </span>
      <span className="location-text">
        <span className="location-place" title={locationPlace(location)}>
          {locationPlace(location)}
        </span>
        <span className="location-where">{where}</span>
      </span>
    </span>
  );
}
