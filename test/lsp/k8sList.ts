// A Kubernetes `List` (what `kubectl get -o yaml` prints) with mail settings in some items: Deployments with
// SMTP env entries, ConfigMaps with an embedded Spring application.yml, and Services without mail words.
export const deployment = (i: number, port: number, secure: string) => `- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: api-${i}
  spec:
    template:
      spec:
        containers:
        - name: api
          image: registry.example.com/api:${i}
          env:
          - name: SMTP_HOST
            value: smtp.example.com
          - name: SMTP_PORT
            value: "${port}"
          - name: SMTP_SECURE
            value: "${secure}"
          - name: SMTP_PASS
            valueFrom:
              secretKeyRef: {name: smtp, key: pass}
        - name: sidecar
          image: registry.example.com/proxy:1
          ports:
          - containerPort: 8080
`;
export const configMap = (i: number, port: number) => `- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: spring-${i}
  data:
    application.yml: |
      spring:
        mail:
          host: smtp.example.com
          port: ${port}
          properties:
            mail.smtp.ssl.enable: false
            mail.smtp.ssl.checkserveridentity: false
`;
export const service = (i: number) => `- apiVersion: v1
  kind: Service
  metadata:
    name: web-${i}
  spec:
    ports:
    - name: http
      port: 80
      targetPort: 3000
`;

export function list(n: number): string {
  const items: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 5;
    if (k === 0) items.push(deployment(i, [465, 587, 25][i % 3], i % 2 ? 'false' : 'true'));
    else if (k === 2) items.push(configMap(i, [465, 587][i % 2]));
    else items.push(service(i));
    if (i % 7 === 3) items.push('# between items\n');
  }
  return `apiVersion: v1\nitems:\n${items.join('')}kind: List\nmetadata:\n  resourceVersion: ""\n`;
}


/** The same objects as a multi-document stream (what `helm template` or `kustomize build` print). */
export function stream(n: number): string {
  const body = list(n).split('\n');
  const out: string[] = ['# rendered manifests'];
  for (const l of body.slice(2)) {
    if (l.startsWith('kind: List')) break;
    if (l.startsWith('- ')) out.push('---', l.slice(2));
    else out.push(l.startsWith('  ') ? l.slice(2) : l);
  }
  return `${out.join('\n')}\n`;
}
