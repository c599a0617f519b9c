// comment
import type { IDataObject } from 'n8n-workflow';



const x: IDataObject = {};
it('fails', () => {
	expect(x).toBe(1); // line 8
});
