// Sources: imports will live here (file import, mapping, rejects). For now: demo data and the records grid.
import { DataGrid } from '../../components/DataGrid/DataGrid.js';
import { DemoDataForm } from './DemoDataForm.js';

export function SourcesScreen() {
  return (
    <div className="screen screen-fill">
      <header className="screen-head">
        <h1>Sources</h1>
        <p className="hint">Import CSV and Excel exports, map their columns and see every rejected row with its reason. File import is coming; meanwhile, generate demo data.</p>
      </header>
      <DemoDataForm />
      <h2 className="section-title">Customer records</h2>
      <DataGrid table="records" label="Customer records" />
    </div>
  );
}
