// Moving between screens with a little context (e.g. "profile this source"): the shell keeps the
// current route; screens read their params and call go() to send the analyst elsewhere.
import { createContext, useContext } from 'react';
import type { ProfileScope } from '../../engine/api/profile-types.js';

export type RouteParams = { scope?: ProfileScope; sourceId?: number; importId?: number; importWizard?: boolean; browse?: BrowseParams };
/** The data browser opened on a table with filters (filter text per column name, in the grid's syntax). */
export type BrowseParams = { table: string; filters?: Record<string, string> };

export interface Route {
  screen: string;
  params: RouteParams;
}

export interface Navigation {
  route: Route;
  go(screen: string, params?: RouteParams): void;
}

export const NavigationContext = createContext<Navigation>({ route: { screen: 'sources', params: {} }, go: () => {} });

export function useNavigation(): Navigation {
  return useContext(NavigationContext);
}
