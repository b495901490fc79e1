// The navigation: every capability screen, in the order an analyst works.
import type { ReactNode } from 'react';
import { CatalogueScreen } from '../screens/Catalogue/CatalogueScreen.js';
import { ProfileScreen } from '../screens/Profile/ProfileScreen.js';
import { AuditScreen } from '../screens/Audit/AuditScreen.js';
import { DataBrowserScreen } from '../screens/DataBrowser/DataBrowserScreen.js';
import { ExperimentsScreen } from '../screens/Experiments/ExperimentsScreen.js';
import { GoldenScreen } from '../screens/Golden/GoldenScreen.js';
import { ModelsScreen } from '../screens/Models/ModelsScreen.js';
import { PlaceholderScreen } from '../screens/Placeholder/PlaceholderScreen.js';
import { ResolveScreen } from '../screens/Resolve/ResolveScreen.js';
import { ReviewScreen } from '../screens/Review/ReviewScreen.js';
import { SearchScreen } from '../screens/Search/SearchScreen.js';
import { SettingsScreen } from '../screens/Settings/SettingsScreen.js';
import { SourcesScreen } from '../screens/Sources/SourcesScreen.js';

export interface ScreenDef {
  id: string;
  label: string;
  group: 'Data' | 'Intelligence' | 'Control';
  render(): ReactNode;
  /** Not built yet: shown muted with "soon" in the menu. */
  placeholder?: boolean;
}

const soon = (title: string, summary: string, points: string[]) => () => <PlaceholderScreen title={title} summary={summary} points={points} />;

export const SCREENS: ScreenDef[] = [
  { id: 'sources', label: 'Sources', group: 'Data', render: () => <SourcesScreen /> },
  { id: 'profile', label: 'Profile', group: 'Data', render: () => <ProfileScreen /> },
  { id: 'catalogue', label: 'Catalogue', group: 'Data', render: () => <CatalogueScreen /> },
  { id: 'search', label: 'Search', group: 'Data', render: () => <SearchScreen /> },
  { id: 'resolve', label: 'Resolve', group: 'Data', render: () => <ResolveScreen /> },
  { id: 'golden', label: 'Golden records', group: 'Data', render: () => <GoldenScreen /> },
  { id: 'review', label: 'Review desk', group: 'Data', render: () => <ReviewScreen /> },
  { id: 'data', label: 'Data browser', group: 'Data', render: () => <DataBrowserScreen /> },
  { id: 'models', label: 'Models', group: 'Intelligence', render: () => <ModelsScreen /> },
  {
    id: 'monitoring',
    label: 'Monitoring',
    group: 'Intelligence',
    placeholder: true,
    render: soon('Monitoring', 'Watch live models and data quality over time.', ['Drift in inputs and scores', 'Alerts when quality falls below a threshold']),
  },
  { id: 'experiments', label: 'Experiments', group: 'Intelligence', render: () => <ExperimentsScreen /> },
  {
    id: 'governance',
    label: 'Governance',
    group: 'Control',
    placeholder: true,
    render: soon('Governance', 'Meet privacy duties without leaving the workbench.', ['Subject access and erasure that reach every copy', 'Pseudonymised exports', 'Retention rules']),
  },
  { id: 'audit', label: 'Audit', group: 'Control', render: () => <AuditScreen /> },
  { id: 'settings', label: 'Settings', group: 'Control', render: () => <SettingsScreen /> },
];
